package io.campaignpulse.ingest;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

import org.hibernate.reactive.mutiny.Mutiny;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Keeps the elements of deliveries that can never be stored, in the delivery's transaction. */
@ApplicationScoped
public class DeadLetterRepository {

    private static final String INSERT = """
            insert into dead_letter (received_at, reason, element_index, element)
            select received_at, reason, element_index, element
            from jsonb_to_recordset(cast(cast(:rows as text) as jsonb))
                as r(received_at timestamptz, reason text, element_index int, element text)
            """;

    private static final JsonFactory JSON = new JsonFactory();

    public Uni<Void> insert(Mutiny.Session session, List<ParsedDelivery> deliveries) {
        if (deliveries.stream().allMatch(d -> d.rejected().isEmpty())) {
            return Uni.createFrom().voidItem();
        }
        return session.createNativeQuery(INSERT)
                .setParameter("rows", rowsJson(deliveries))
                .executeUpdate()
                .replaceWithVoid();
    }

    private static String rowsJson(List<ParsedDelivery> deliveries) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartArray();
            for (ParsedDelivery delivery : deliveries) {
                Instant receivedAt = delivery.receivedAt();
                for (RejectedElement rejected : delivery.rejected()) {
                    json.writeStartObject();
                    json.writeStringField("received_at", receivedAt.toString());
                    json.writeStringField("reason", rejected.reason());
                    json.writeNumberField("element_index", rejected.index());
                    json.writeStringField("element", rejected.element());
                    json.writeEndObject();
                }
            }
            json.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
