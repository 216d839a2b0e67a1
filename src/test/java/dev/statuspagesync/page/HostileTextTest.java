package dev.statuspagesync.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.statuspagesync.alarm.MemberKey;
import dev.statuspagesync.flashduty.ChangeStatus;
import dev.statuspagesync.flashduty.EventType;
import dev.statuspagesync.flashduty.Responses;

/**
 * The readers of the page's text take time in proportion to it, whatever it holds: 100 KB crafted to make a
 * backtracking reader take hours is read in well under the generous limit below, and whatever the writer writes
 * still reads back.
 */
class HostileTextTest {

    /** Far more than a linear reader needs for 100 KB on a busy machine, and far less than a backtracking one. */
    static final Duration LIMIT = Duration.ofSeconds(20);
    static final int SIZE = 100_000;

    @Test
    void anAlarmListOfLongBacktickRunsIsReadInLinearTime() {
        String runs = "`".repeat(SIZE / 2);
        String list = IncidentText.ALARM_LIST_HEADER + "\n- " + runs + " " + runs + "\n- `a` contributor "
                + "`b` `".repeat(SIZE / 6) + "\n- `" + "a` contributor `b` `".repeat(SIZE / 20) + ": ALARM since";

        Membership read = assertTimeoutPreemptively(LIMIT, () -> IncidentText.readAlarmList(list));

        assertEquals(Map.of(), read.members());
    }

    @Test
    void aKeyLineOfLongBacktickRunsIsReadInLinearTime() {
        String description = "Opened.\n\n" + IncidentText.KEY_PREFIX + "`x" + "`".repeat(SIZE) + "y";

        Optional<String> key = assertTimeoutPreemptively(LIMIT, () -> IncidentText.key(incident(description)));

        assertEquals(Optional.empty(), key, "a line longer than any the function writes is no key line");
    }

    @Test
    void aLineLongerThanAnyTheFunctionWritesIsNoMember() {
        String arn = "arn:aws:cloudwatch:us-east-1:210987654321:alarm:" + "n".repeat(MemberLine.MAX_LINE);

        assertEquals(Map.of(), IncidentText.readAlarmList(IncidentText.alarmList(Membership.opening(MemberKey.alarm(arn), 0),
                false)).members());
    }

    @Test
    void everyMemberTheWriterWritesReadsBackAsTheReleasedReaderReadIt() {
        Random random = new Random(23);
        String alphabet = "ab` :-_/";
        for (int i = 0; i < 2_000; i++) {
            // The reader trims ARNs and contributor ids, as CloudWatch writes neither with spaces at its ends.
            String arn = ("arn:aws:cloudwatch:us-east-1:210987654321:alarm:" + word(random, alphabet, 1 + i % 12))
                    .strip();
            String contributor = random.nextBoolean() ? null : "c" + word(random, alphabet, random.nextInt(8)).strip();
            String label = contributor == null || random.nextBoolean() ? null : word(random, alphabet,
                    1 + random.nextInt(8)).strip();
            MemberKey key = MemberKey.of(arn, contributor);
            Membership members = Membership.opening(key, 1_773_480_413L, label == null || label.isEmpty() ? null
                    : label);

            assertEquals(members, IncidentText.readAlarmList(IncidentText.alarmList(members, false)),
                    "round trip of " + key.arn() + "|" + key.contributorId() + " label " + label);
        }
    }

    /** The released reader of a member line, kept here as the oracle the one-pass reader must agree with. */
    static final Pattern RELEASED = Pattern.compile("^- (`+) ?(.+?) ?\\1"
            + "(?: contributor (`+) ?(.+?) ?\\3(?: (`+) ?(.+?) ?\\5)?)?"
            + ": (ALARM|OK|DELETED) since (\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}) UTC$");

    @Test
    void readsEveryLineTheWriterWritesAsTheReleasedReaderDid() {
        Random random = new Random(29);
        String alphabet = "ab` :-";
        for (int i = 0; i < 5_000; i++) {
            // What the function writes: ARNs and contributor ids trimmed (the reader trims them), labels cut and
            // stripped, none of them blank.
            String arn = "a" + word(random, alphabet, random.nextInt(10)).stripTrailing();
            String contributor = random.nextBoolean() ? null : "c" + word(random, alphabet, random.nextInt(6))
                    .stripTrailing();
            String label = contributor == null || random.nextBoolean() ? null : "l" + word(random, alphabet,
                    random.nextInt(6)).stripTrailing();
            String line = "- " + Markdown.code(arn) + (contributor == null ? ""
                    : " contributor " + Markdown.code(contributor) + (label == null || label.isBlank() ? ""
                            : " " + Markdown.code(label)))
                    + ": OK since 2026-03-14 09:26:53 UTC";
            Matcher released = RELEASED.matcher(line);
            Optional<MemberLine.Read> read = MemberLine.read(line);

            assertEquals(released.matches(), read.isPresent(), line);
            if (read.isPresent()) {
                assertEquals(List.of(released.group(2), String.valueOf(released.group(4)),
                        String.valueOf(released.group(6)), released.group(7), released.group(8)),
                        List.of(read.get().arn(), String.valueOf(read.get().contributor()),
                                String.valueOf(read.get().label()), read.get().state().name(), read.get().time()),
                        line);
            }
        }
    }

    private static String word(Random random, String alphabet, int length) {
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < length; i++) {
            word.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return word.toString();
    }

    private static Responses.Change incident(String description) {
        return new Responses.Change(7L, 42L, EventType.INCIDENT, "t", description, ChangeStatus.INVESTIGATING,
                List.of(), 1_773_480_413L, null, List.of(), true);
    }
}
