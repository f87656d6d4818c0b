package io.rta.influx.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.rta.service.errors.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an InfluxDB 1.x {@code /query} answer incrementally (Jackson's streaming parser), so a result of any size
 * passes through in constant memory: with {@code chunked=true} the body is a sequence of JSON documents
 * ({@code {"results":[{"statement_id":0,"series":[{"name":..,"columns":[..],"values":[[..],..],"partial":true}],
 * "partial":true}]}}), one per chunk of rows; without it, one document. Each row goes to a {@link RowSink} as soon as
 * it is parsed. An {@code "error"} (the whole query's, or one statement's) becomes an {@link InvalidInputException}
 * with InfluxDB's message; rows before it have been delivered. An answer that is not InfluxDB's JSON, or breaks off, is
 * a {@link com.fasterxml.jackson.core.JsonProcessingException}.
 */
public final class ChunkedResults {

    // every value is a number in text: the fast parser reads them with the same results, at a fraction of the cost
    private static final JsonFactory JSON = JsonFactory.builder().enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .build();

    private final JsonParser parser;
    private final RowSink sink;
    private final Row row = new Row();
    private List<String> columns = List.of();

    private ChunkedResults(JsonParser parser, RowSink sink) {
        this.parser = parser;
        this.sink = sink;
    }

    /** Parses every document of {@code body} into {@code sink}; does not close the stream. */
    public static void parse(InputStream body, RowSink sink) throws IOException {
        try (JsonParser parser = JSON.createParser(body)) {
            new ChunkedResults(parser, sink).documents();
        }
    }

    private void documents() throws IOException {
        JsonToken token;
        while ((token = parser.nextToken()) != null) {
            expect(token, JsonToken.START_OBJECT, "a result document");
            document();
        }
    }

    private void document() throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (name) {
                case "error" -> throw refused();
                case "results" -> {
                    expect(value, JsonToken.START_ARRAY, "results");
                    while (parser.nextToken() == JsonToken.START_OBJECT) {
                        statement();
                    }
                }
                default -> parser.skipChildren();
            }
        }
    }

    private void statement() throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (name) {
                case "error" -> throw refused();
                case "series" -> {
                    expect(value, JsonToken.START_ARRAY, "series");
                    while (parser.nextToken() == JsonToken.START_OBJECT) {
                        series();
                    }
                }
                default -> parser.skipChildren();
            }
        }
    }

    private void series() throws IOException {
        boolean haveColumns = false;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (name) {
                case "columns" -> {
                    expect(value, JsonToken.START_ARRAY, "columns");
                    List<String> names = new ArrayList<>();
                    while (parser.nextToken() == JsonToken.VALUE_STRING) {
                        names.add(parser.getText());
                    }
                    if (names.isEmpty() || !names.get(0).equals("time")) {
                        throw new JsonParseException(parser,
                                "InfluxDB answered a series whose first column is not time: " + names);
                    }
                    columns = List.copyOf(names);
                    haveColumns = true;
                    sink.columns(columns);
                }
                case "values" -> {
                    if (!haveColumns) {
                        throw new JsonParseException(parser,
                                "InfluxDB answered a series' values before its columns");
                    }
                    expect(value, JsonToken.START_ARRAY, "values");
                    while (parser.nextToken() == JsonToken.START_ARRAY) {
                        values();
                        sink.row(row);
                    }
                }
                default -> parser.skipChildren();
            }
        }
    }

    private void values() throws IOException {
        row.reset(columns.size());
        int column = 0;
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (column >= columns.size()) {
                throw new JsonParseException(parser, "InfluxDB answered a row with more values than its "
                        + columns.size() + " columns");
            }
            if (column == 0) {
                expect(token, JsonToken.VALUE_NUMBER_INT, "a time in ns (epoch=ns)");
                row.time(parser.getLongValue());
            } else {
                switch (token) {
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> row.number(column, parser.getDoubleValue());
                    case VALUE_TRUE -> row.number(column, 1);
                    case VALUE_FALSE -> row.number(column, 0);
                    case VALUE_STRING -> row.text(column, parser.getText());
                    case VALUE_NULL -> { }
                    default -> {
                        parser.skipChildren();
                    }
                }
            }
            column++;
        }
    }

    private InvalidInputException refused() throws IOException {
        return new InvalidInputException("InfluxDB refused the query: " + parser.getValueAsString());
    }

    private void expect(JsonToken actual, JsonToken expected, String what) throws IOException {
        if (actual != expected) {
            throw new JsonParseException(parser, "InfluxDB answered " + actual + " where " + what
                    + " was expected");
        }
    }
}
