package blogsearch.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Checks a JSON value against a schema of an OpenAPI 3.0 document, for the parts our description uses: $ref,
 * type, nullable, enum, format date-time, properties, required, additionalProperties, items and oneOf. An object
 * field the schema does not name is a problem too, so that the description cannot fall behind the answers.
 */
record OpenApiSchema(JsonNode document) {
    /** What is wrong with {@code value} under {@code schema}, each naming where; empty when nothing is. */
    List<String> problems(JsonNode schema, JsonNode value, String where) {
        List<String> out = new ArrayList<>();
        check(resolve(schema), value, where, out);
        return out;
    }

    /** The node a {@code {"$ref": "#/..."}} points to, or the node itself. */
    JsonNode resolve(JsonNode node) {
        while (node.has("$ref")) {
            String ref = node.get("$ref").asText();
            if (!ref.startsWith("#/")) {
                throw new IllegalArgumentException("only local references are supported: " + ref);
            }
            node = document.at(ref.substring(1));
            if (node.isMissingNode()) {
                throw new IllegalArgumentException("no such reference: " + ref);
            }
        }
        return node;
    }

    private void check(JsonNode schema, JsonNode value, String where, List<String> out) {
        if (value.isNull()) {
            if (!schema.path("nullable").asBoolean(false)) {
                out.add(where + ": null, but not nullable");
            }
            return;
        }
        if (schema.has("oneOf")) {
            int matching = 0;
            List<String> why = new ArrayList<>();
            for (JsonNode alternative : schema.get("oneOf")) {
                List<String> problems = problems(alternative, value, where);
                matching += problems.isEmpty() ? 1 : 0;
                why.addAll(problems);
            }
            if (matching != 1) {
                out.add(where + ": matches " + matching + " of the oneOf schemas, not 1"
                        + (matching == 0 ? " " + why : ""));
            }
            return;
        }
        String type = schema.path("type").asText("");
        boolean typeOk = switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "" -> true;
            default -> throw new IllegalArgumentException("unsupported type " + type + " at " + where);
        };
        if (!typeOk) {
            out.add(where + ": " + value.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + ", not " + type);
            return;
        }
        if (schema.has("enum")) {
            boolean listed = false;
            for (JsonNode allowed : schema.get("enum")) {
                listed |= allowed.equals(value);
            }
            if (!listed) {
                out.add(where + ": " + value + " is not one of " + schema.get("enum"));
            }
        }
        if (value.isTextual() && schema.path("format").asText("").equals("date-time")) {
            try {
                OffsetDateTime.parse(value.asText());
            } catch (DateTimeParseException e) {
                out.add(where + ": '" + value.asText() + "' is not a date-time");
            }
        }
        if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                check(resolve(schema.get("items")), value.get(i), where + "[" + i + "]", out);
            }
        }
        if (value.isObject()) {
            for (JsonNode name : schema.path("required")) {
                if (!value.has(name.asText())) {
                    out.add(where + ": no '" + name.asText() + "', which is required");
                }
            }
            JsonNode properties = schema.path("properties");
            JsonNode additional = schema.get("additionalProperties");
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String at = where + "." + field.getKey();
                if (properties.has(field.getKey())) {
                    check(resolve(properties.get(field.getKey())), field.getValue(), at, out);
                } else if (additional != null && additional.isObject()) {
                    check(resolve(additional), field.getValue(), at, out);
                } else if (additional == null || !additional.asBoolean(true)) {
                    out.add(at + ": not in the description");
                }
            }
        }
    }
}
