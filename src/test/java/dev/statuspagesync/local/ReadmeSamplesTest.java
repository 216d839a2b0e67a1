package dev.statuspagesync.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.statuspagesync.fake.FlashdutyRules;
import dev.statuspagesync.published.EventPolicy;
import dev.statuspagesync.published.PageEventRules;
import dev.statuspagesync.routing.Router;
import dev.statuspagesync.support.Fixtures;
import dev.statuspagesync.support.StatusPageSettings;

/**
 * The README's published event, tried as its local-run command gives it: the settings the command sets make the
 * fake serve the event's page and component, and the function's rules, the operator's limits and Flashduty's
 * create rules all accept it, at a day before its window.
 */
class ReadmeSamplesTest {

    @Test
    void acceptsTheReadmesMaintenanceWindowUnderItsOwnLocalRunCommand() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        String section = readme.substring(readme.indexOf("## Publishing status-page events"));
        int start = section.indexOf("```json\n") + "```json\n".length();
        JsonNode event = Fixtures.json(section.substring(start, section.indexOf("```", start)));
        Map<String, String> command = new LinkedHashMap<>();
        String line = section.substring(section.indexOf("```bash"), section.indexOf("run-local.sh maintenance.json"));
        Matcher setting = Pattern.compile("(STATUSPAGE_[A-Z_]+)=(\\S+)").matcher(line);
        while (setting.find()) {
            command.put(setting.group(1), setting.group(2));
        }
        Map<String, String> settings = LocalRun.fakeSettings(command, Map.of());
        long page = Long.parseLong(settings.get("STATUSPAGE_PAGE_ID"));
        List<String> components = List.of(settings.get("STATUSPAGE_COMPONENT_IDS").split(","));

        PageEventRules.Checked checked = PageEventRules.check(event, Optional.of(page));
        assertTrue(checked.valid(), checked.problems().toString());
        EventPolicy policy = new EventPolicy(new Router(StatusPageSettings.environment(page, components, "degraded")),
                Set.of(), Set.of(), Duration.ofDays(30));
        long dayBefore = event.path("start_at_seconds").asLong() - Duration.ofDays(1).toSeconds();
        assertEquals(List.of(), policy.check(checked.request(), dayBefore).problems());
        assertNull(FlashdutyRules.createProblem(Fixtures.asSent(checked.request()), Set.copyOf(components)));
        assertEquals(Map.of(page, Map.of(components.get(0), components.get(0))), LocalRun.pagesOf(settings));
    }
}
