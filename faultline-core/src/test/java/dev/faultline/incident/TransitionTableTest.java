package dev.faultline.incident;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every transition of the state machine, one row each: from the initial state, the script's
 * events lead to a status, and the last event's step does exactly the listed actions.
 * Times are seconds; the default policy is quorum 2, window 30 s, period 0, recovery 2.
 */
class TransitionTableTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
        # transition                                          | policy       | regions | script                                                                     | status    | actions of the last step
        UP stays UP on a success                              | default      | a,b,c   | a ok @0                                                                    | UP        | -
        a degraded check counts as up                         | default      | a,b,c   | a slow @0                                                                  | UP        | -
        UP to SUSPECT on a failure: every region re-checks    | default      | a,b,c   | a 500 @0                                                                   | SUSPECT   | recheck a,b,c; deadline @30
        UP to SUSPECT on a network failure                    | default      | a,b,c   | a dns @0                                                                   | SUSPECT   | recheck a,b,c; deadline @30
        SUSPECT with a period: first deadline at its end      | period=10    | a,b,c   | a 500 @0                                                                   | SUSPECT   | recheck a,b,c; deadline @10
        an unhealthy region's failure is no suspicion         | default      | a,b,c   | c unhealthy @0; c 500 @1                                                   | UP        | -
        an unhealthy region is not asked to re-check          | default      | a,b,c   | c unhealthy @0; a 500 @1                                                   | SUSPECT   | recheck a,b; deadline @31
        a region not the monitor's is ignored                 | default      | a,b,c   | z 500 @0                                                                   | UP        | -
        a result older than the region's latest is ignored    | default      | a,b,c   | a 500 @10; a ok @5                                                         | SUSPECT   | -
        a region healthy again counts again                   | default      | a,b,c   | c unhealthy @0; c healthy @1; a 500 @2; c 500 @3                           | DOWN      | open critical internal_server_error a,c since @2; notify critical opened
        network and server failures make one critical quorum  | default      | a,b,c   | a dns @0; b refused @1                                                     | DOWN      | open critical connection_refused a,b since @0; notify critical opened
        a deadline while DOWN does nothing                    | default      | a,b,c   | a 500 @0; b 500 @1; deadline @30                                           | DOWN      | -
        a second maintenance start changes nothing            | default      | a,b,c   | a 500 @0; b 500 @1; maintenance on @5; maintenance on @6                   | DOWN      | -
        a maintenance end outside a window changes nothing    | default      | a,b,c   | maintenance off @5                                                         | UP        | -
        a deadline while UP does nothing                      | default      | a,b,c   | deadline @30                                                               | UP        | -
        SUSPECT to DOWN when a quorum fails in the window     | default      | a,b,c   | a 500 @0; b 502 @1                                                         | DOWN      | open critical internal_server_error a,b since @0; notify critical opened
        SUSPECT to DOWN with quorum 3 of 4                    | quorum=3     | a,b,c,d | a 500 @0; b 500 @1; c 503 @2                                               | DOWN      | open critical internal_server_error a,b,c since @0; notify critical opened
        quorum 3 of 4: two failing regions are not enough     | quorum=3     | a,b,c,d | a 500 @0; b 500 @1; d ok @1                                                | SUSPECT   | -
        SUSPECT stays while one region fails of quorum 2      | default      | a,b,c   | a 500 @0; a 500 @1; b ok @1; c ok @1                                       | SUSPECT   | -
        failures further apart than the window are no quorum  | default      | a,b,c   | a 500 @0; b 500 @31                                                        | SUSPECT   | -
        an early (replaced) deadline does nothing             | default      | a,b,c   | a 500 @0; deadline @10                                                     | SUSPECT   | -
        SUSPECT to UP as a blip when re-checks succeed        | default      | a,b,c   | a 500 @0; a ok @1                                                          | UP        | blip a for 0s
        SUSPECT to UP as a blip when the window passes        | default      | a,b,c   | a 500 @0; a 500 @1; b ok @1; deadline @30                                  | UP        | blip a for 1s
        one region: the failing re-check confirms             | default      | a       | a 500 @0; a 500 @1                                                         | DOWN      | open critical internal_server_error a since @0; notify critical opened
        one region: a passing re-check makes a blip           | default      | a       | a 500 @0; a ok @1                                                          | UP        | blip a for 0s
        one region: the first failure only re-checks          | default      | a       | a 500 @0                                                                   | SUSPECT   | recheck a; deadline @30
        an unhealthy region's failures never make the quorum  | default      | a,b,c   | c unhealthy @0; a 500 @1; c 500 @1.5; c 500 @2                             | SUSPECT   | -
        with one healthy region left, it confirms alone       | default      | a,b     | b unhealthy @0; a 500 @1; a 500 @2                                         | DOWN      | open critical internal_server_error a since @1; notify critical opened
        a region found unhealthy mid-episode no longer counts | default      | a,b,c   | a 500 @0; a unhealthy @1; b 500 @2                                         | SUSPECT   | -
        a blip of a region since found unhealthy is dropped   | default      | a,b,c   | a 500 @0; a unhealthy @1; deadline @30                                     | UP        | -
        period: a quorum keeps SUSPECT until it has lasted    | period=60    | a,b,c   | a 500 @0; b 500 @0.5                                                       | SUSPECT   | -
        period: each deadline starts a round of re-checks     | period=60    | a,b,c   | a 500 @0; b 500 @0.5; deadline @30                                         | SUSPECT   | recheck a,b,c; deadline @60
        period: at its end the regions re-check once more     | period=60    | a,b,c   | a 500 @0; b 500 @0.5; deadline @30; a 500 @30.5; b 500 @30.5; deadline @60 | SUSPECT   | recheck a,b,c; deadline @90
        period: a failure after it has lasted opens          | period=60    | a,b,c   | a 500 @0; b 500 @0.5; deadline @30; a 500 @30.5; b 500 @30.5; deadline @60; a 500 @60.5 | DOWN      | open critical internal_server_error a,b since @0; notify critical opened
        period: a 1-second 500 everywhere is a blip           | period=60    | a,b,c   | a 500 @0; b 500 @0.2; c 500 @0.3; a ok @1; b ok @1; c ok @1                | UP        | blip a,b,c for 0.3s
        period shorter than the window: waits out the round   | period=5     | a,b,c   | a 500 @0; deadline @5                                                      | SUSPECT   | deadline @30
        4xx from a quorum opens a warning, not a page         | default      | a,b,c   | a 404 @0; b 404 @1                                                         | DOWN      | open warning not_found a,b since @0; notify warning opened
        4xx and 5xx short of a critical quorum: a warning     | default      | a,b,c   | a 500 @0; b 429 @1                                                         | DOWN      | open warning rate_limited a,b since @0; notify warning opened
        a warning escalates when a quorum fails critically    | default      | a,b,c   | a 404 @0; b 404 @1; a 500 @60; b 500 @61                                   | DOWN      | escalate critical internal_server_error a,b; notify critical escalated
        one region: escalating takes a failing re-check       | default      | a       | a 401 @0; a 401 @1; a 500 @60                                              | DOWN      | recheck a
        one region: the re-check escalates                    | default      | a       | a 401 @0; a 401 @1; a 500 @60; a 500 @61                                   | DOWN      | escalate critical internal_server_error a; notify critical escalated
        DOWN stays DOWN short of the recovery rounds          | default      | a,b,c   | a 500 @0; b 500 @1; a ok @60; b ok @60; c ok @60; a ok @120; b ok @120     | DOWN      | -
        DOWN to UP after the recovery rounds                  | default      | a,b,c   | a 500 @0; b 500 @1; a ok @60; b ok @60; c ok @60; a ok @120; b ok @120; c ok @120 | UP        | resolve after 60s; notify critical resolved
        a quorum failing again starts recovery over           | default      | a,b,c   | a 500 @0; b 500 @1; a ok @60; b ok @60; c ok @60; a 500 @90; b 500 @90; a ok @120; b ok @120; c ok @120 | DOWN | -
        one region short of a quorum does not stop recovery   | default      | a,b,c   | a 500 @0; b 500 @1; a ok @60; b ok @60; c 500 @60; a ok @120; b ok @120; c 500 @120 | UP        | resolve after 60s; notify critical resolved
        failures staggered beyond the window never recover   | window=5 recovery=1 | a,b | a 500 @0; b 500 @0; a 500 @5.4; b 500 @10.5                         | DOWN      | -
        one region: recovery takes two successes              | default      | a       | a 500 @0; a 500 @1; a ok @60; a ok @120                                    | UP        | resolve after 60s; notify critical resolved
        recovery 3 takes three rounds                         | recovery=3   | a       | a 500 @0; a 500 @1; a ok @60; a ok @120                                    | DOWN      | -
        a warning incident resolves as a warning              | default      | a       | a 404 @0; a 404 @1; a ok @60; a ok @120                                    | UP        | resolve after 60s; notify warning resolved
        maintenance: an incident opens but nothing pages      | default      | a,b,c   | maintenance on @0; a 500 @1; b 500 @2                                      | DOWN      | open critical internal_server_error a,b since @1 in maintenance; notify info maintenance_suppressed
        maintenance: an incident already open is marked       | default      | a,b,c   | a 500 @0; b 500 @1; maintenance on @5                                      | DOWN      | mark started before maintenance
        maintenance: a blip is still recorded                 | default      | a,b,c   | maintenance on @0; a 500 @1; a ok @2                                       | UP        | blip a for 0s in maintenance
        maintenance: an escalation does not page              | default      | a,b,c   | maintenance on @0; a 404 @1; b 404 @2; a 500 @60; b 500 @61                | DOWN      | escalate critical internal_server_error a,b; notify info maintenance_suppressed
        maintenance: a page sent before it is still closed    | default      | a,b     | a 500 @0; b 500 @1; maintenance on @5; a ok @60; b ok @60; a ok @120; b ok @120 | UP        | resolve after 60s; notify critical resolved
        maintenance: an incident it held back closes quietly  | default      | a,b     | maintenance on @0; a 500 @1; b 500 @2; a ok @60; b ok @60; a ok @120; b ok @120 | UP        | resolve after 59s
        maintenance end: a held-back incident is announced    | default      | a,b,c   | maintenance on @0; a 500 @1; b 500 @2; maintenance off @10                 | DOWN      | notify critical opened
        maintenance end with nothing open is quiet            | default      | a,b,c   | maintenance on @0; a 500 @1; a ok @2; maintenance off @10                  | UP        | -
        FLAPPING: the transition that reaches it alerts once  | flapping=3/600 | a     | a 500 @0; a 500 @1; a ok @10; a ok @20; a 500 @30; a 500 @31               | FLAPPING  | open critical internal_server_error a since @30; notify critical flapping
        FLAPPING: a resolve while flapping is silent          | flapping=3/600 | a     | a 500 @0; a 500 @1; a ok @10; a ok @20; a 500 @30; a 500 @31; a ok @40; a ok @50 | FLAPPING | resolve after 10s
        FLAPPING: an open while flapping is silent            | flapping=3/600 | a     | a 500 @0; a 500 @1; a ok @10; a ok @20; a 500 @30; a 500 @31; a ok @40; a ok @50; a 500 @60; a 500 @61 | FLAPPING | open critical internal_server_error a since @60
        FLAPPING to UP after a quiet span: STABLE             | flapping=3/600 | a     | a 500 @0; a 500 @1; a ok @10; a ok @20; a 500 @30; a 500 @31; a ok @40; a ok @50; a ok @700 | UP | notify critical stable
        FLAPPING to DOWN after a quiet span: the incident is announced | flapping=3/600 | a | a 500 @0; a 500 @1; a ok @10; a ok @20; a 500 @30; a 500 @31; a 500 @700 | DOWN | notify critical stable; notify critical opened
        FLAPPING reached by a resolve closes the page too     | flapping=2/600 | a     | a 500 @0; a 500 @1; a ok @10; a ok @20                                     | FLAPPING  | resolve after 10s; notify critical resolved; notify critical flapping
        blips below the instability threshold: no warning     | default      | a       | a 500 @0; a ok @1; a 500 @100; a ok @101                                   | UP        | blip a for 0s
        frequent blips raise an instability warning           | default      | a       | a 500 @0; a ok @1; a 500 @100; a ok @101; a 500 @200; a ok @201            | UP        | blip a for 0s; notify warning instability
        no second instability warning within the span         | default      | a       | a 500 @0; a ok @1; a 500 @100; a ok @101; a 500 @200; a ok @201; a 500 @300; a ok @301 | UP | blip a for 0s
        blips spread wider than the span raise no warning     | default      | a       | a 500 @0; a ok @1; a 500 @1800; a ok @1801; a 500 @3601; a ok @3602        | UP        | blip a for 0s
        blips in maintenance do not count toward instability  | default      | a       | maintenance on @0; a 500 @1; a ok @2; a 500 @100; a ok @101; a 500 @200; a ok @201 | UP | blip a for 0s in maintenance
        """)
    void transition(String transition, String policy, String regions, String script, Status status, String actions) {
        Monitor monitor = new Monitor(Policies.parse(policy), Set.of(regions.split(",")));

        Step last = monitor.run(script);

        assertThat(monitor.state().status()).as("status").isEqualTo(status);
        assertThat(ActionText.of(last.actions())).as("actions of the last step").isEqualTo(actions == null ? "" : actions);
    }
}
