package io.rta.topology.query;

import static io.rta.topology.Sessions.dateTime;
import static io.rta.topology.Sessions.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rta.events.SessionState;
import io.rta.topology.session.SessionStates;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SessionQueryTest {

    /** A session with one property of every kind. */
    private static final SessionState SAI = session("id-1")
            .identifier("Turbo-20200313-SAI run 5")
            .state(SessionStates.CLOSED)
            .timestamp("2021-05-06T18:58:56+01:00")
            .timeRange(1620323936202890000L, 1620324536202890000L)
            .type("DDS").quality(0.8).group("Aero").version("1.2.0")
            .detail("driver", "SAI").detail("Run", 17L).detail("weight", 712.5).detail("wet", false)
            .detail("started", dateTime("2021-05-06T18:00:00+01:00"))
            .extDetail("CarSetup", "RideHeightFront", 32L)
            .build();

    private static boolean matches(String query) {
        return SessionQuery.parse(query).matches(SAI);
    }

    private static void assertRejected(String query, String message) {
        assertThatThrownBy(() -> SessionQuery.parse(query)).isInstanceOf(QueryException.class).hasMessage(message);
    }

    @Nested
    class Comparisons {
        @Test
        void shouldMatchImplicitEquality() {
            assertThat(matches("{\"type\": \"DDS\"}")).isTrue();
            assertThat(matches("{\"type\": \"dds\"}")).isFalse();
            assertThat(matches("{\"details.driver\": \"SAI\"}")).isTrue();
        }

        @Test
        void shouldMatchEqAndNeq() {
            assertThat(matches("{\"type\": {\"$eq\": \"DDS\"}}")).isTrue();
            assertThat(matches("{\"type\": {\"$neq\": \"DDS\"}}")).isFalse();
            assertThat(matches("{\"type\": {\"$neq\": \"Model\"}}")).isTrue();
        }

        @Test
        void shouldOrderNumbersNumericallyMixingIntegersAndNumbers() {
            assertThat(matches("{\"details.Run\": {\"$gt\": 9}}")).isTrue();
            assertThat(matches("{\"details.Run\": {\"$gt\": 16.5}}")).isTrue();
            assertThat(matches("{\"details.Run\": {\"$gte\": 17}}")).isTrue();
            assertThat(matches("{\"details.Run\": {\"$lt\": 17}}")).isFalse();
            assertThat(matches("{\"details.Run\": {\"$lte\": 17.0}}")).isTrue();
            assertThat(matches("{\"details.Run\": 17.0}")).isTrue();
            assertThat(matches("{\"details.weight\": {\"$gt\": 712}}")).isTrue();
            assertThat(matches("{\"quality\": {\"$gte\": 0.8, \"$lt\": 1}}")).isTrue();
        }

        @Test
        void shouldOrderStringsOrdinally() {
            assertThat(matches("{\"details.driver\": {\"$gt\": \"RIC\"}}")).isTrue();
            assertThat(matches("{\"details.driver\": {\"$lt\": \"sai\"}}")).isTrue();
            assertThat(matches("{\"version\": {\"$gte\": \"1.2.0\"}}")).isTrue();
        }

        @Test
        void shouldCompareBooleans() {
            assertThat(matches("{\"details.wet\": false}")).isTrue();
            assertThat(matches("{\"details.wet\": {\"$lt\": true}}")).isTrue();
        }

        @Test
        void shouldCompareTimestampsAsInstants() {
            assertThat(matches("{\"timestamp\": \"2021-05-06T17:58:56Z\"}")).isTrue();
            assertThat(matches("{\"timestamp\": {\"$lt\": \"2021-05-06T18:30:00Z\"}}")).isTrue();
            assertThat(matches("{\"timestamp\": {\"$gt\": \"2021-05-06T18:00:00+01:00\"}}")).isTrue();
        }

        @Test
        void shouldReadADateOnlyOperandAsStartOfDayUtc() {
            assertThat(matches("{\"timestamp\": {\"$gte\": \"2021-05-06\", \"$lt\": \"2021-05-07\"}}")).isTrue();
            assertThat(matches("{\"timestamp\": {\"$gte\": \"2021-05-07\"}}")).isFalse();
        }

        @Test
        void shouldCompareDerivedStartAndEndTimestamps() {
            assertThat(matches("{\"startTimestamp\": \"2021-05-06T17:58:56.20289Z\"}")).isTrue();
            assertThat(matches("{\"endTimestamp\": {\"$gt\": \"2021-05-06T19:00:00+01:00\"}}")).isTrue();
        }

        @Test
        void shouldCompareDateTimeDetailsAsInstants() {
            assertThat(matches("{\"details.started\": \"2021-05-06T17:00:00Z\"}")).isTrue();
            assertThat(matches("{\"details.started\": {\"$lt\": \"2021-05-06T17:30:00Z\"}}")).isTrue();
        }

        @Test
        void shouldCompareTimeRangeNanoseconds() {
            assertThat(matches("{\"timeRange.startTime\": {\"$gte\": 1620323936202890000}}")).isTrue();
            assertThat(matches("{\"timeRange.endTime\": {\"$lt\": 1620324536202890000}}")).isFalse();
        }

        @Test
        void shouldCompareStatesByNameForEqualityAndByNumberForOrder() {
            assertThat(matches("{\"state\": \"closed\"}")).isTrue();
            assertThat(matches("{\"state\": \"Closed\"}")).isTrue();
            assertThat(matches("{\"state\": {\"$in\": [\"open\", \"closed\"]}}")).isTrue();
            assertThat(matches("{\"state\": {\"$gte\": \"closed\"}}")).isTrue();
            assertThat(matches("{\"state\": {\"$gt\": \"open\", \"$lt\": \"truncated\"}}")).isTrue();
            assertThat(matches("{\"state\": 4}")).isTrue();
            assertThat(matches("{\"state\": \"bogus\"}")).isFalse();
        }

        @Test
        void shouldMatchIdentityIdentifierAndExtDetails() {
            assertThat(matches("{\"identity\": \"id-1\"}")).isTrue();
            assertThat(matches("{\"identifier\": \"Turbo-20200313-SAI run 5\"}")).isTrue();
            assertThat(matches("{\"extDetails.CarSetup.RideHeightFront\": {\"$gt\": 30}}")).isTrue();
            assertThat(matches("{\"extDetails.CarSetup.RideHeightRear\": {\"$gt\": 30}}")).isFalse();
        }
    }

    @Nested
    class TypeMismatches {
        @Test
        void shouldNotMatchWhenTypesDiffer() {
            assertThat(matches("{\"details.Run\": \"17\"}")).isFalse();
            assertThat(matches("{\"details.Run\": {\"$gt\": \"1\"}}")).isFalse();
            assertThat(matches("{\"details.driver\": {\"$gt\": 1}}")).isFalse();
            assertThat(matches("{\"details.wet\": 0}")).isFalse();
            assertThat(matches("{\"timestamp\": {\"$gt\": 5}}")).isFalse();
            assertThat(matches("{\"timestamp\": {\"$lt\": \"not a date\"}}")).isFalse();
        }

        @Test
        void shouldTreatNeqAndNinAsTheNegationsOfEqAndIn() {
            assertThat(matches("{\"details.Run\": {\"$neq\": \"17\"}}")).isTrue();
            assertThat(matches("{\"details.Run\": {\"$nin\": [\"17\"]}}")).isTrue();
        }

        @Test
        void shouldNotTextMatchNumbersOrBooleans() {
            assertThat(matches("{\"details.Run\": {\"$contains\": \"1\"}}")).isFalse();
            assertThat(matches("{\"details.wet\": {\"$startsWith\": \"f\"}}")).isFalse();
        }
    }

    @Nested
    class Nulls {
        @Test
        void shouldMatchMissingPropertiesWithNull() {
            assertThat(SessionQuery.parse("{\"type\": null}").matches(session("x").build())).isTrue();
            assertThat(matches("{\"type\": null}")).isFalse();
            assertThat(matches("{\"details.missing\": {\"$eq\": null}}")).isTrue();
            assertThat(matches("{\"type\": {\"$neq\": null}}")).isTrue();
        }

        @Test
        void shouldTreatUnknownPropertiesAsNull() {
            assertThat(matches("{\"bogus\": null}")).isTrue();
            assertThat(matches("{\"bogus\": \"x\"}")).isFalse();
            assertThat(matches("{\"bogus\": {\"$neq\": \"x\"}}")).isTrue();
            assertThat(matches("{\"extDetails.Nope.key\": {\"$gt\": 1}}")).isFalse();
        }

        @Test
        void shouldOrderAgainstNullLikeMongo() {
            SessionState bare = session("x").build();
            assertThat(SessionQuery.parse("{\"quality\": {\"$gte\": null}}").matches(bare)).isTrue();
            assertThat(SessionQuery.parse("{\"quality\": {\"$gt\": null}}").matches(bare)).isFalse();
            assertThat(matches("{\"quality\": {\"$lte\": null}}")).isFalse();
        }

        @Test
        void shouldMatchNullInsideIn() {
            assertThat(SessionQuery.parse("{\"type\": {\"$in\": [\"DDS\", null]}}").matches(session("x").build())).isTrue();
            assertThat(SessionQuery.parse("{\"type\": {\"$nin\": [null]}}").matches(session("x").build())).isFalse();
        }

        @Test
        void shouldNotMatchMissingPropertiesWithOrderOrText() {
            SessionState bare = session("x").build();
            assertThat(SessionQuery.parse("{\"quality\": {\"$lt\": 1}}").matches(bare)).isFalse();
            assertThat(SessionQuery.parse("{\"type\": {\"$contains\": \"D\"}}").matches(bare)).isFalse();
        }
    }

    @Nested
    class TextMatches {
        @Test
        void shouldMatchTextCaseInsensitively() {
            assertThat(matches("{\"identifier\": {\"$contains\": \"-20200313-\"}}")).isTrue();
            assertThat(matches("{\"identifier\": {\"$contains\": \"sai RUN\"}}")).isTrue();
            assertThat(matches("{\"identifier\": {\"$startsWith\": \"turbo\"}}")).isTrue();
            assertThat(matches("{\"identifier\": {\"$endsWith\": \"RUN 5\"}}")).isTrue();
            assertThat(matches("{\"identifier\": {\"$endsWith\": \"run\"}}")).isFalse();
            assertThat(matches("{\"identifier\": {\"$contains\": \"RIC\"}}")).isFalse();
        }

        @Test
        void shouldMatchTheEmptyString() {
            assertThat(matches("{\"identifier\": {\"$contains\": \"\"}}")).isTrue();
        }

        @Test
        void shouldTextMatchStateNamesAndTimestampTexts() {
            assertThat(matches("{\"state\": {\"$startsWith\": \"clo\"}}")).isTrue();
            assertThat(matches("{\"timestamp\": {\"$startsWith\": \"2021-05\"}}")).isTrue();
        }

        @Test
        void shouldHandleNeedlesLongerThanTheText() {
            assertThat(matches("{\"type\": {\"$endsWith\": \"XDDS\"}}")).isFalse();
            assertThat(matches("{\"type\": {\"$startsWith\": \"DDSX\"}}")).isFalse();
            assertThat(matches("{\"type\": {\"$contains\": \"DDSX\"}}")).isFalse();
        }
    }

    @Nested
    class Aggregates {
        @Test
        void shouldMatchIn() {
            assertThat(matches("{\"details.driver\": {\"$in\": [\"RIC\", \"SAI\"]}}")).isTrue();
            assertThat(matches("{\"details.driver\": {\"$in\": [\"RIC\", \"NOR\"]}}")).isFalse();
            assertThat(matches("{\"details.Run\": {\"$in\": [16, 17.0]}}")).isTrue();
            assertThat(matches("{\"details.driver\": {\"$in\": []}}")).isFalse();
        }

        @Test
        void shouldMatchNin() {
            assertThat(matches("{\"details.driver\": {\"$nin\": [\"RIC\", \"NOR\"]}}")).isTrue();
            assertThat(matches("{\"details.driver\": {\"$nin\": [\"SAI\"]}}")).isFalse();
        }
    }

    @Nested
    class Negation {
        @Test
        void shouldNegateAConditionOnAProperty() {
            assertThat(matches("{\"type\": {\"$not\": {\"$eq\": \"DDS\"}}}")).isFalse();
            assertThat(matches("{\"quality\": {\"$not\": {\"$gt\": 0.9}}}")).isTrue();
            assertThat(matches("{\"type\": {\"$not\": \"Model\"}}")).isTrue();
        }

        @Test
        void shouldNegateCriteriaAsInTheGuide() {
            assertThat(matches("{\"$not\": {\"type\": \"test\"}}")).isTrue();
            assertThat(matches("{\"$not\": {\"type\": \"DDS\"}}")).isFalse();
        }

        @Test
        void shouldMatchMissingPropertiesUnderNot() {
            assertThat(SessionQuery.parse("{\"quality\": {\"$not\": {\"$gt\": 0.5}}}").matches(session("x").build())).isTrue();
        }
    }

    @Nested
    class Criteria {
        @Test
        void shouldAndImplicitlyAcrossKeys() {
            assertThat(matches("{\"type\": \"DDS\", \"details.driver\": \"SAI\"}")).isTrue();
            assertThat(matches("{\"type\": \"DDS\", \"details.driver\": \"RIC\"}")).isFalse();
        }

        @Test
        void shouldAndSeveralOperatorsInOneCondition() {
            assertThat(matches("{\"details.Run\": {\"$gt\": 10, \"$lt\": 20}}")).isTrue();
            assertThat(matches("{\"details.Run\": {\"$gt\": 10, \"$lt\": 15}}")).isFalse();
        }

        @Test
        void shouldCombineAndOrNor() {
            assertThat(matches("{\"$and\": [{\"type\": \"DDS\"}, {\"details.driver\": \"SAI\"}]}")).isTrue();
            assertThat(matches("{\"$or\": [{\"type\": \"Model\"}, {\"details.driver\": \"SAI\"}]}")).isTrue();
            assertThat(matches("{\"$or\": [{\"type\": \"Model\"}, {\"details.driver\": \"RIC\"}]}")).isFalse();
            assertThat(matches("{\"$nor\": [{\"type\": \"Model\"}, {\"details.driver\": \"RIC\"}]}")).isTrue();
            assertThat(matches("{\"$nor\": [{\"type\": \"DDS\"}]}")).isFalse();
        }

        @Test
        void shouldMatchTheAtlasBrowserQuery() {
            String query = "{\"identifier\": {\"$contains\": \"-20200313-\"},"
                    + " \"$or\": [{\"details.driver\": \"SAI\"}, {\"details.driver\": \"RIC\"}]}";
            assertThat(matches(query)).isTrue();
        }

        @Test
        void shouldNestLogicalOperators() {
            String query = "{\"$and\": [{\"$or\": [{\"type\": \"X\"}, {\"$nor\": [{\"group\": \"Y\"}]}]},"
                    + " {\"$not\": {\"version\": \"0.1\"}}]}";
            assertThat(matches(query)).isTrue();
        }

        @Test
        void shouldTreatEmptyLogicalArraysAsTheirIdentity() {
            assertThat(matches("{\"$and\": []}")).isTrue();
            assertThat(matches("{\"$or\": []}")).isFalse();
            assertThat(matches("{\"$nor\": []}")).isTrue();
        }

        @Test
        void shouldMatchEverythingWhenEmpty() {
            assertThat(SessionQuery.parse("{}").matchesAll()).isTrue();
            assertThat(SessionQuery.parse("  ").matchesAll()).isTrue();
            assertThat(SessionQuery.parse(null).matches(SAI)).isTrue();
        }
    }

    @Nested
    class Errors {
        @Test
        void shouldRejectUnknownOperators() {
            assertRejected("{\"details.driver\": {\"$regex\": \"S.*\"}}", "unknown operator $regex at details.driver");
            assertRejected("{\"$where\": \"x\"}", "unknown operator $where: expected a property name or $and, $or, $nor, $not");
        }

        @Test
        void shouldRejectWrongOperandTypes() {
            assertRejected("{\"type\": {\"$in\": \"DDS\"}}", "$in expects an array at type");
            assertRejected("{\"type\": {\"$nin\": [[1]]}}",
                    "$nin expects an array of strings, numbers, booleans or nulls at type, not one holding an array");
            assertRejected("{\"identifier\": {\"$contains\": 5}}", "$contains expects a string at identifier");
            assertRejected("{\"identifier\": {\"$startsWith\": null}}", "$startsWith expects a string at identifier");
            assertRejected("{\"quality\": {\"$gt\": [1]}}",
                    "$gt expects a string, number, boolean or null at quality, not an array");
            assertRejected("{\"type\": [\"a\"]}", "the value expects a string, number, boolean or null at type, not an array");
            assertRejected("{\"$and\": {\"type\": \"a\"}}", "$and expects an array of criteria objects");
            assertRejected("{\"$or\": [\"a\"]}", "$or[0] must be a JSON object");
            assertRejected("{\"$not\": 5}", "$not must be a JSON object");
        }

        @Test
        void shouldRejectMalformedConditions() {
            assertRejected("{\"type\": {}}", "empty condition at type: expected a value or an operator object");
            assertRejected("{\"type\": {\"name\": \"x\"}}", "expected an operator at type but found the key 'name'");
        }

        @Test
        void shouldRejectAnythingButAJsonObject() {
            assertRejected("[]", "query must be a JSON object");
            assertRejected("\"type\"", "query must be a JSON object");
            assertRejected("null", "query must be a JSON object");
            assertThatThrownBy(() -> SessionQuery.parse("{\"type\": "))
                    .isInstanceOf(QueryException.class).hasMessageStartingWith("query is not valid JSON");
            assertThatThrownBy(() -> SessionQuery.parse("{} {}"))
                    .isInstanceOf(QueryException.class).hasMessageStartingWith("query is not valid JSON");
        }

        @Test
        void shouldRejectDuplicateKeys() {
            assertThatThrownBy(() -> SessionQuery.parse("{\"type\": \"a\", \"type\": \"b\"}"))
                    .isInstanceOf(QueryException.class).hasMessageContaining("Duplicate field 'type'");
        }
    }
}
