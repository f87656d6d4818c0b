package io.rta.influx.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class InfluxQlTest {

    private static final InfluxTarget TARGET = new InfluxTarget("mydb", "autogen", "mydata");

    @Test
    void shouldMergeTheIdentityInBracketsWithTheTimeRangeAsTheReadmeShows() {
        String query = InfluxQl.select(List.of("bbb", "ccc"), TARGET,
                "someData='50835ebe-a7f6-453b-9efd-c956e6da09f4'", 1000, 2000);

        assertThat(query).isEqualTo("SELECT \"bbb\",\"ccc\" FROM \"mydb\".\"autogen\".\"mydata\" "
                + "WHERE (someData='50835ebe-a7f6-453b-9efd-c956e6da09f4') AND time >= 1000 AND time < 2000");
    }

    @Test
    void shouldKeepAnIdentitysOwnOrInsideItsBrackets() {
        assertThat(InfluxQl.select(List.of("a"), TARGET, "car='1' OR car='2'", 0, 10))
                .contains("WHERE (car='1' OR car='2') AND time >= 0 AND time < 10");
    }

    @Test
    void shouldQuoteIdentifiersEscapingQuotesAndBackslashes() {
        assertThat(InfluxQl.identifier("plain")).isEqualTo("\"plain\"");
        assertThat(InfluxQl.identifier("a\"b")).isEqualTo("\"a\\\"b\"");
        assertThat(InfluxQl.identifier("c\\d")).isEqualTo("\"c\\\\d\"");
        assertThat(InfluxQl.identifier("e f.g")).isEqualTo("\"e f.g\"");
        assertThat(new InfluxTarget("d\"b", "r p", "m").from()).isEqualTo("\"d\\\"b\".\"r p\".\"m\"");
    }

    @Test
    void shouldAskForTheFirstAndLastPointInTwoStatements() {
        assertThat(InfluxQl.bounds(List.of("a", "b"), TARGET, "car='1'")).isEqualTo(
                "SELECT \"a\",\"b\" FROM \"mydb\".\"autogen\".\"mydata\" WHERE (car='1') ORDER BY time ASC LIMIT 1; "
                        + "SELECT \"a\",\"b\" FROM \"mydb\".\"autogen\".\"mydata\" WHERE (car='1') "
                        + "ORDER BY time DESC LIMIT 1");
    }

    @Test
    void shouldTakeFilterExpressionsThatStayInsideTheirBrackets() {
        for (String filter : List.of("car='1'", "car='1' AND (lap > 3 OR lap < 1)", "\"my car\" = 'a)b;c--d'",
                "host =~ /^(a|b\\/c)$/", "host !~ /\\(/", "x = 'it\\'s (x'", "a - -1 > 0", "speed / 2 > 1")) {
            assertThat(InfluxQl.filterProblem(filter)).as(filter).isNull();
        }
    }

    @Test
    void shouldRefuseFiltersThatWouldChangeTheQueryAroundThem() {
        assertThat(InfluxQl.filterProblem("a='x') OR (1=1")).isEqualTo("closes a parenthesis it did not open");
        assertThat(InfluxQl.filterProblem("(a='x'")).isEqualTo("leaves a parenthesis open");
        assertThat(InfluxQl.filterProblem("a='x'; DROP DATABASE rta"))
                .isEqualTo("holds ';' outside quotes: one identity is one filter expression");
        assertThat(InfluxQl.filterProblem("a='x' --")).isEqualTo("holds a comment outside quotes");
        assertThat(InfluxQl.filterProblem("a='x' /* c */")).isEqualTo("holds a comment outside quotes");
        assertThat(InfluxQl.filterProblem("a='x")).isEqualTo("leaves a quote (') open");
        assertThat(InfluxQl.filterProblem("\"a = 1")).isEqualTo("leaves a quote (\") open");
        assertThat(InfluxQl.filterProblem("a =~ /x")).isEqualTo("leaves a regular expression open");
        // in a regular expression \\ is no escape of a backslash: \\\\/ is a backslash and an escaped /, the
        // expression goes on, and what follows it is read as InfluxDB reads it
        assertThat(InfluxQl.filterProblem("car =~ /\\\\/ =~ /) OR (car = '1') OR (car =~ /x/"))
                .isEqualTo("closes a parenthesis it did not open");
        assertThat(InfluxQl.filterProblem("car =~ /a\\/b/")).isNull();
    }
}
