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
}
