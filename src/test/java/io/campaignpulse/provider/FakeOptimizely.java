package io.campaignpulse.provider;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.FormParameter;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition;

/**
 * A stateful stand-in for the webhook part of the Optimizely Campaign REST API, following
 * campaign-webhooks-openapi.json: it answers every operation as the provider does and refuses, with a
 * {@code 418 stub:} answer the tests notice, any request that breaks the contract (method, path, query,
 * form fields, Authorization, Content-Type, Accept).
 */
public class FakeOptimizely implements ResponseDefinitionTransformerV2 {

    public static final String NAME = "fake-optimizely";
    public static final long CLIENT_ID = 4711;
    public static final String API_USER = "pulse-api";
    public static final String API_PASSWORD = "api-pa55word-SECRET";
    public static final String BROADMAIL_JSON = "application/vnd.optivo.broadmail.v1+json";

    private static final Set<String> TYPES = Set.of("open", "click", "sent", "bounce", "unsubscribe", "spamcomplaint",
            "singleoptin", "confirmedoptin", "doubleoptin", "blocklist", "archive", "filteredbyblocklist");
    private static final Set<String> FORM_FIELDS = Set.of("type", "format", "targetUrl", "authentication", "basicAuthUsername",
            "basicAuthPassword");
    private static final Set<String> SORTS = Set.of("ID", "MAILING_GROUP", "TYPE", "NAME", "TEMPLATE", "STATUS",
            "PAYLOAD_FORMAT", "TARGET_URL", "INTEGRATION_ID", "AUTHENTICATION", "DATA", "CREATED", "MODIFIED");
    private static final Pattern PATH = Pattern.compile("/rest/(\\d+)/webhooks(?:/(\\d+)(?:/(activate|deactivate|verify))?)?");

    private final ObjectMapper json = new ObjectMapper();
    private final Map<Long, ObjectNode> webhooks = new TreeMap<>();
    private long nextId = 1000;

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    public synchronized void clear() {
        webhooks.clear();
        nextId = 1000;
    }

    /** Puts a webhook in place as if created earlier; the authentication is the provider's JSON object. */
    public synchronized long seed(String type, String status, String targetUrl, String authenticationJson) {
        long id = nextId++;
        ObjectNode webhook = webhook(id, type, targetUrl, authenticationJson);
        webhook.put("status", status);
        webhooks.put(id, webhook);
        return id;
    }

    public synchronized List<JsonNode> all() {
        return List.copyOf(webhooks.values());
    }

    public synchronized JsonNode get(long id) {
        return webhooks.get(id);
    }

    public static String basicAuthorization() {
        return "Basic " + Base64.getEncoder().encodeToString((API_USER + ":" + API_PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public synchronized ResponseDefinition transform(ServeEvent serveEvent) {
        Request request = serveEvent.getRequest();
        String path = request.getUrl().split("\\?", 2)[0];
        Matcher m = PATH.matcher(path);
        if (!m.matches()) {
            return contractBroken("unknown path " + path);
        }
        if (!basicAuthorization().equals(request.getHeader("Authorization"))) {
            return error(401, "Authentication failed");
        }
        String accept = request.getHeader("Accept");
        if (accept == null || !(accept.contains("application/json") && accept.contains(BROADMAIL_JSON))) {
            return contractBroken("Accept must name application/json and " + BROADMAIL_JSON + ", was " + accept);
        }
        if (Long.parseLong(m.group(1)) != CLIENT_ID) {
            return error(409, "client mismatch");
        }
        Long id = m.group(2) == null ? null : Long.valueOf(m.group(2));
        String action = m.group(3);
        String method = request.getMethod().getName();
        try {
            if (id == null && "GET".equals(method)) {
                return list(request);
            }
            if (id == null && "POST".equals(method)) {
                return create(request);
            }
            if (id != null && action == null && "PUT".equals(method)) {
                return update(id, request);
            }
            if (id != null && action == null && "DELETE".equals(method)) {
                return delete(id, request);
            }
            if (id != null && "POST".equals(method) && ("activate".equals(action) || "deactivate".equals(action))) {
                return setActive(id, "activate".equals(action), request);
            }
            if (id != null && "verify".equals(action) && "GET".equals(method)) {
                return verify(id, request);
            }
        } catch (ContractBroken broken) {
            return contractBroken(broken.getMessage());
        }
        return contractBroken(method + " " + path + " is not an operation of the webhook API");
    }

    private ResponseDefinition list(Request request) {
        onlyQuery(request, Set.of("sort", "direction", "offset", "limit"));
        String sort = query(request, "sort", "CREATED");
        String direction = query(request, "direction", "DESC");
        if (!SORTS.contains(sort) || !Set.of("ASC", "DESC").contains(direction)) {
            throw new ContractBroken("sort/direction out of the enum: " + sort + "/" + direction);
        }
        int offset = Integer.parseInt(query(request, "offset", "0"));
        int limit = Integer.parseInt(query(request, "limit", "100"));
        List<ObjectNode> sorted = new ArrayList<>(webhooks.values());
        Comparator<ObjectNode> byId = Comparator.comparingLong(w -> w.get("id").asLong());
        sorted.sort("DESC".equals(direction) ? byId.reversed() : byId);
        ArrayNode page = json.createArrayNode();
        sorted.stream().skip(offset).limit(limit).forEach(page::add);
        return ok(200, page, BROADMAIL_JSON);
    }

    private ResponseDefinition create(Request request) {
        Map<String, String> form = form(request);
        ObjectNode webhook = webhook(nextId++, form.get("type"), form.get("targetUrl"), form.get("authentication"));
        webhook.put("status", "created");
        webhooks.put(webhook.get("id").asLong(), webhook);
        return ok(201, webhook, "application/json");
    }

    private ResponseDefinition update(long id, Request request) {
        Map<String, String> form = form(request);
        ObjectNode existing = webhooks.get(id);
        if (existing == null) {
            return error(404, "Webhook " + id + " not found");
        }
        ObjectNode updated = webhook(id, form.get("type"), form.get("targetUrl"),
                form.containsKey("authentication") ? form.get("authentication") : existing.path("authentication").toString());
        updated.put("status", existing.get("status").asText());
        webhooks.put(id, updated);
        return ok(200, updated, "application/json");
    }

    private ResponseDefinition delete(long id, Request request) {
        noBody(request);
        ObjectNode existing = webhooks.get(id);
        if (existing == null) {
            return error(404, "Webhook " + id + " not found");
        }
        if ("activated".equals(existing.get("status").asText())) {
            return error(400, "The webhook is in status activated; deactivate it first");
        }
        webhooks.remove(id);
        return responseDefinition().withStatus(204).build();
    }

    private ResponseDefinition setActive(long id, boolean activate, Request request) {
        noBody(request);
        ObjectNode existing = webhooks.get(id);
        if (existing == null) {
            return error(404, "Webhook " + id + " not found");
        }
        boolean active = "activated".equals(existing.get("status").asText());
        if (active == activate) {
            return error(400, activate ? "The webhook is already in status \"activated\"" : "The webhook is not in status \"activated\"");
        }
        existing.put("status", activate ? "activated" : "deactivated");
        return ok(200, existing, BROADMAIL_JSON);
    }

    private ResponseDefinition verify(long id, Request request) {
        onlyQuery(request, Set.of("mailingId", "numberOfEvents"));
        String mailingId = query(request, "mailingId", null);
        int count = Integer.parseInt(query(request, "numberOfEvents", "1"));
        if (mailingId == null || !mailingId.matches("\\d+") || count < 1 || count > 100) {
            throw new ContractBroken("verify needs mailingId and numberOfEvents 1..100");
        }
        ObjectNode existing = webhooks.get(id);
        if (existing == null) {
            return error(404, "Webhook " + id + " not found");
        }
        ObjectNode answer = json.createObjectNode();
        answer.put("id", id);
        answer.put("httpStatusCode", 200);
        answer.put("responseBody", "{\"received\":" + count + "}");
        answer.put("numberOfEvents", count);
        answer.put("targetUrl", existing.get("targetUrl").asText());
        return ok(200, json.createArrayNode().add(answer), "application/json");
    }

    private ObjectNode webhook(long id, String type, String targetUrl, String authenticationJson) {
        ObjectNode webhook = json.createObjectNode();
        webhook.put("id", id);
        // the provider reports archive webhooks in the past tense
        webhook.put("type", "archive".equals(type) ? "archived" : type);
        webhook.put("format", "json");
        webhook.put("targetUrl", targetUrl);
        try {
            // echoed whole, secret included: the service must not pass it on
            webhook.set("authentication", authenticationJson == null ? json.createObjectNode().put("type", "none")
                    : json.readTree(authenticationJson));
        } catch (Exception e) {
            throw new ContractBroken("authentication is not JSON");
        }
        webhook.put("created", "2024-05-01T10:15:30.000+0200");
        webhook.put("modified", "2024-05-02T10:15:30+02:00");
        return webhook;
    }

    private Map<String, String> form(Request request) {
        String contentType = request.getHeader("Content-Type");
        if (contentType == null || !contentType.startsWith("application/x-www-form-urlencoded")) {
            throw new ContractBroken("Content-Type must be application/x-www-form-urlencoded, was " + contentType);
        }
        onlyQuery(request, Set.of());
        Map<String, String> form = new TreeMap<>();
        for (Map.Entry<String, FormParameter> field : request.formParameters().entrySet()) {
            if (!FORM_FIELDS.contains(field.getKey())) {
                throw new ContractBroken("form field " + field.getKey() + " is not in WebhookRequestData");
            }
            form.put(field.getKey(), field.getValue().firstValue());
        }
        for (String required : List.of("type", "format", "targetUrl")) {
            if (form.get(required) == null || form.get(required).isBlank()) {
                throw new ContractBroken("form field " + required + " is required");
            }
        }
        if (!TYPES.contains(form.get("type")) || !"json".equals(form.get("format"))) {
            throw new ContractBroken("type/format out of the enum: " + form.get("type") + "/" + form.get("format"));
        }
        if (form.containsKey("authentication")) {
            try {
                JsonNode auth = json.readTree(form.get("authentication"));
                String type = auth.path("type").asText();
                boolean valid = switch (type) {
                    case "none" -> auth.size() == 1;
                    case "basicAuth" -> auth.hasNonNull("userName") && auth.hasNonNull("password") && auth.size() == 3;
                    case "keyAuth" -> auth.hasNonNull("key") && auth.hasNonNull("passphrase") && auth.size() == 3;
                    default -> false;
                };
                if (!valid) {
                    throw new ContractBroken("authentication does not follow the documented shapes: type " + type);
                }
            } catch (ContractBroken broken) {
                throw broken;
            } catch (Exception notJson) {
                throw new ContractBroken("authentication is not JSON");
            }
        }
        return form;
    }

    private static void noBody(Request request) {
        onlyQuery(request, Set.of());
        if (request.getBody() != null && request.getBody().length > 0) {
            throw new ContractBroken("this operation takes no body");
        }
    }

    private static void onlyQuery(Request request, Set<String> allowed) {
        String url = request.getUrl();
        int q = url.indexOf('?');
        if (q < 0) {
            return;
        }
        for (String pair : url.substring(q + 1).split("&")) {
            String name = pair.split("=", 2)[0];
            if (!allowed.contains(name)) {
                throw new ContractBroken("query parameter " + name + " is not in the OpenAPI for this operation");
            }
        }
    }

    private static String query(Request request, String name, String fallback) {
        QueryParameter parameter = request.queryParameter(name);
        return parameter != null && parameter.isPresent() ? parameter.firstValue() : fallback;
    }

    private ResponseDefinition ok(int status, JsonNode body, String mediaType) {
        return responseDefinition().withStatus(status).withHeader("Content-Type", mediaType).withBody(body.toString()).build();
    }

    private ResponseDefinition error(int status, String message) {
        ObjectNode body = json.createObjectNode().put("httpStatusCode", status).put("errorMessage", message);
        body.set("violations", json.createArrayNode());
        return ok(status, body, "application/json");
    }

    private static ResponseDefinition contractBroken(String why) {
        return responseDefinition().withStatus(418).withHeader("Content-Type", "text/plain").withBody("stub: " + why).build();
    }

    private static final class ContractBroken extends RuntimeException {
        ContractBroken(String message) {
            super(message);
        }
    }
}
