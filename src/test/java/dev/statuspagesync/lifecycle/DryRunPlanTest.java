package dev.statuspagesync.lifecycle;

import static dev.statuspagesync.lifecycle.AlarmDecisionsTest.CPU;
import static dev.statuspagesync.lifecycle.AlarmDecisionsTest.PAGE;
import static dev.statuspagesync.lifecycle.AlarmDecisionsTest.ROUTE;
import static dev.statuspagesync.lifecycle.AlarmDecisionsTest.T0;
import static dev.statuspagesync.lifecycle.AlarmDecisionsTest.incident;
import static dev.statuspagesync.lifecycle.AlarmDecisionsTest.members;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.statuspagesync.flashduty.FlashdutyPaths;
import dev.statuspagesync.flashduty.Requests;
import dev.statuspagesync.flashduty.Responses;
import dev.statuspagesync.outcome.Outcome;
import dev.statuspagesync.page.Membership;
import dev.statuspagesync.routing.Audience;

/** A dry run answers with the decision's plan: every write it would make, in the order it would make them. */
class DryRunPlanTest {

    @Test
    void plansTheDeletionOfDuplicatesBeforeTheDecisionsOwnWrite() {
        Responses.Change kept = incident(7, CPU, members(CPU, Membership.State.ALARM, T0));
        Responses.Change duplicate = incident(8, CPU, members(CPU, Membership.State.ALARM, T0));
        Membership recovered = members(CPU, Membership.State.OK, T0 + 60);
        var decision = new Decision.Record(PAGE, kept, recovered, "alarm api-cpu recovered", List.of(duplicate));

        Outcome planned = DryRunPlan.planned(decision, ROUTE, ROUTE.wording(), AlarmDecisionsTest.JOIN);

        assertEquals(new Outcome(Outcome.Kind.UPDATED, "dry run: would record that alarm api-cpu recovered", 7L,
                List.of(new Outcome.PlannedCall("POST", FlashdutyPaths.DELETE_PATH, new Requests.DeleteChange(PAGE, 8L)),
                        new Outcome.PlannedCall("POST", FlashdutyPaths.TIMELINE_UPDATE_PATH,
                                IncidentMapper.recordMembers(kept, recovered, PAGE, Audience.INTERNAL)))), planned);
    }

    @Test
    void answersAnIgnoredChangeAsItIsWithNothingPlanned() {
        var decision = new Decision.Ignore("incident 7 is already open for this alarm", 7L, List.of());

        assertEquals(new Outcome(Outcome.Kind.IGNORED, "incident 7 is already open for this alarm", 7L),
                DryRunPlan.planned(decision, ROUTE, ROUTE.wording(), AlarmDecisionsTest.JOIN));
    }
}
