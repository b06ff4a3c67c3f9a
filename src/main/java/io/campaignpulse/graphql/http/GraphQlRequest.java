package io.campaignpulse.graphql.http;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectWriter;

import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.DatabindCodec;

/**
 * One GraphQL request as the specification defines its parameters: {@code query} (a string, required),
 * {@code operationName} (a string), {@code variables} and {@code extensions} (maps); each optional one may
 * also be null. Built from a POST body or from GET query parameters, checked before the engine sees it,
 * so that a malformed request gets 400 and a code instead of an engine error or a 500.
 */
final class GraphQlRequest {

    private static final List<String> MAP_PARAMETERS = List.of("variables", "extensions");

    /** The request as the engine takes it (a JSON object with only the four parameters). */
    final JsonObject json;
    /** The parsed query. */
    final Document document;

    /**
     * Writes every character outside ASCII as a JSON escape: a lone UTF-16 surrogate in a variable then
     * reaches the engine exactly as sent (and is refused there as the caller's mistake), where encoding
     * the text as UTF-8 would silently have turned it into '?'.
     */
    private static final ObjectWriter ESCAPING_WRITER = DatabindCodec.mapper().writer()
            .with(JsonWriteFeature.ESCAPE_NON_ASCII);

    private GraphQlRequest(JsonObject json, Document document) {
        this.json = json;
        this.document = document;
    }

    /** The request as the body the engine reads: the checked parameters, nothing altered. */
    Buffer engineBody() {
        try {
            return Buffer.buffer(ESCAPING_WRITER.writeValueAsBytes(json.getMap()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a request parsed from JSON could not be written back", e);
        }
    }

    /** Thrown when the request cannot be executed; carries the refusal to send. */
    static final class Refused extends Exception {

        final HttpRefusal refusal;

        Refused(HttpRefusal refusal) {
            super(refusal.message(), null, false, false);
            this.refusal = refusal;
        }
    }

    static GraphQlRequest fromBody(String body, ResponseType type) throws Refused {
        if (body == null || body.isBlank()) {
            throw badRequest("The request body is empty; send a JSON object with a \"query\" string.");
        }
        Object parsed;
        try {
            parsed = io.vertx.core.json.Json.decodeValue(body);
        } catch (DecodeException e) {
            throw badRequest("The request body is not JSON: " + e.getMessage());
        }
        if (!(parsed instanceof JsonObject request)) {
            throw badRequest("The request body must be a JSON object with a \"query\" string.");
        }
        JsonObject json = new JsonObject();
        json.put("query", requireQuery(request.getValue("query")));
        Object operationName = request.getValue("operationName");
        if (operationName != null) {
            json.put("operationName", requireString("operationName", operationName));
        }
        for (String name : MAP_PARAMETERS) {
            Object value = request.getValue(name);
            if (value != null) {
                json.put(name, requireMap(name, value));
            }
        }
        return new GraphQlRequest(json, parse(json.getString("query"), type));
    }

    /**
     * From the query string of a GET: {@code variables} and {@code extensions} are JSON texts there.
     * An absent or empty optional parameter counts as not given.
     */
    static GraphQlRequest fromParameters(MultiMap parameters, ResponseType type) throws Refused {
        JsonObject json = new JsonObject();
        json.put("query", requireQuery(single(parameters, "query").orElse(null)));
        Optional<String> operationName = single(parameters, "operationName").filter(s -> !s.isEmpty());
        operationName.ifPresent(name -> json.put("operationName", name));
        for (String name : MAP_PARAMETERS) {
            Optional<String> text = single(parameters, name).filter(s -> !s.isEmpty());
            if (text.isPresent()) {
                Object value;
                try {
                    value = io.vertx.core.json.Json.decodeValue(text.get());
                } catch (DecodeException e) {
                    throw badRequest("The \"" + name + "\" parameter is not JSON: " + e.getMessage());
                }
                if (value != null) {
                    json.put(name, requireMap(name, value));
                }
            }
        }
        return new GraphQlRequest(json, parse(json.getString("query"), type));
    }

    /** The operation the request runs, if the document names it unambiguously (else the engine will say why). */
    Optional<OperationDefinition.Operation> operation() {
        String wanted = json.getString("operationName");
        List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
        if (wanted == null) {
            return operations.size() == 1 ? Optional.of(operations.get(0).getOperation()) : Optional.empty();
        }
        return operations.stream().filter(o -> wanted.equals(o.getName())).findFirst().map(OperationDefinition::getOperation);
    }

    private static Optional<String> single(MultiMap parameters, String name) throws Refused {
        List<String> values = parameters.getAll(name);
        if (values.size() > 1) {
            throw badRequest("The \"" + name + "\" parameter is given " + values.size() + " times; give it once.");
        }
        return values.stream().findFirst();
    }

    private static String requireQuery(Object query) throws Refused {
        if (query == null) {
            throw badRequest("The request has no \"query\": send the GraphQL document as a string in \"query\".");
        }
        return requireString("query", query);
    }

    private static String requireString(String name, Object value) throws Refused {
        if (!(value instanceof String text)) {
            throw badRequest("The \"" + name + "\" parameter must be a string, not " + kind(value) + ".");
        }
        return text;
    }

    private static JsonObject requireMap(String name, Object value) throws Refused {
        if (!(value instanceof JsonObject map)) {
            throw badRequest("The \"" + name + "\" parameter must be a JSON object (a map), not " + kind(value) + ".");
        }
        return map;
    }

    private static String kind(Object value) {
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof Number) {
            return "a number";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        if (value instanceof io.vertx.core.json.JsonArray) {
            return "an array";
        }
        return "an object";
    }

    private static Document parse(String query, ResponseType type) throws Refused {
        try {
            return Parser.parse(query);
        } catch (InvalidSyntaxException e) {
            Integer line = e.getLocation() == null ? null : e.getLocation().getLine();
            Integer column = e.getLocation() == null ? null : e.getLocation().getColumn();
            // GraphQL over HTTP: a document that does not parse is a request error, 400 under
            // application/graphql-response+json; application/json keeps the 200 its clients expect
            int status = type == ResponseType.GRAPHQL_RESPONSE_JSON ? 400 : 200;
            throw new Refused(new HttpRefusal(status, "GRAPHQL_PARSE_FAILED",
                    "The query is not valid GraphQL: " + e.getMessage(), line, column));
        }
    }

    private static Refused badRequest(String message) {
        return new Refused(HttpRefusal.of(400, "BAD_REQUEST", message));
    }
}
