package dev.statuspagesync.local;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

import dev.statuspagesync.alarm.AlarmChange;
import dev.statuspagesync.alarm.AlarmState;
import dev.statuspagesync.alarm.Envelope;
import dev.statuspagesync.flashduty.ChangeStatus;
import dev.statuspagesync.flashduty.EventType;
import dev.statuspagesync.flashduty.Responses;
import dev.statuspagesync.page.IncidentText;
import dev.statuspagesync.routing.Router;
import dev.statuspagesync.support.StatusPageSettings;

/**
 * How long the readers of hostile text take: the alarm list's member lines, the key line, and a routing glob,
 * each fed a crafted input of growing size. Prints the median of {@code --runs} runs per input, in microseconds;
 * an input that takes longer than {@code --limit-seconds} once is reported as such and not run again.
 * {@code scripts/bench-hostile.sh [--sizes 2000,4000,8000] [--runs 5] [--limit-seconds 30]}.
 */
public final class HostileInputBenchmark {

    private HostileInputBenchmark() {
    }

    public static void main(String[] args) {
        List<Integer> sizes = List.of(2_000, 4_000, 8_000, 100_000);
        int runs = 5;
        long limitSeconds = 30;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--sizes" -> sizes = java.util.Arrays.stream(args[i + 1].split(",")).map(Integer::valueOf)
                        .toList();
                case "--runs" -> runs = Integer.parseInt(args[i + 1]);
                case "--limit-seconds" -> limitSeconds = Long.parseLong(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Router router = new Router(StatusPageSettings.document("""
                routes:
                  - {name: globbed, match: {alarm_name: "*a*a*a*a*a*a*b"}, page_id: 1, components: [01A]}
                """));
        System.out.println("input, size (characters), median µs of " + runs + " runs");
        for (int size : sizes) {
            String runs1 = "`".repeat(size / 2);
            String memberLine = "Alarms in this incident:\n- " + runs1 + " " + runs1;
            String keyLine = "Alarm ARN: `x" + "`".repeat(size) + "y";
            String name = "a".repeat(size);
            report("alarm list member line", size, runs, limitSeconds,
                    () -> IncidentText.readAlarmList(memberLine).members().size());
            report("key line", size, runs, limitSeconds, () -> IncidentText.isOurs(new Responses.Change(1L, 1L,
                    EventType.INCIDENT, "t", keyLine, ChangeStatus.INVESTIGATING, List.of(), 0L, null, List.of(),
                    true)) ? 1 : 0);
            report("routing glob", size, runs, limitSeconds, () -> router.routeFor(AlarmChange.of(name,
                    "arn:aws:cloudwatch:us-east-1:210987654321:alarm:" + name, AlarmState.ALARM)
                    .account("210987654321").region("us-east-1").reason("").at(Instant.EPOCH).via(Envelope.SNS)
                    .build()).isPresent() ? 1 : 0);
        }
    }

    private static void report(String input, int size, int runs, long limitSeconds, Supplier<Integer> work) {
        List<Long> times = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            long start = System.nanoTime();
            work.get();
            long micros = Duration.ofNanos(System.nanoTime() - start).toNanos() / 1_000;
            times.add(micros);
            if (micros > limitSeconds * 1_000_000) {
                System.out.printf("%s, %d, over %d s (one run: %d µs)%n", input, size, limitSeconds, micros);
                return;
            }
        }
        Collections.sort(times);
        System.out.printf("%s, %d, %d%n", input, size, times.get(times.size() / 2));
    }
}
