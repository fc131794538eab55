package se.plus.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import se.plus.application.port.in.RouteCallUseCase.Explanation;
import se.plus.application.port.out.CallRecord;
import se.plus.application.port.out.CallRecord.LegTried;
import se.plus.application.port.out.CallRecords;
import se.plus.domain.number.Extension;
import se.plus.domain.number.PhoneNumber;
import se.plus.domain.routing.Diversion;
import se.plus.domain.routing.DiversionCause;

/**
 * Finished calls in two tables: the call with its diversions, trace and legs as one JSON text (always
 * read and written whole), and one row per user who took part, which is what a user's call list reads.
 */
@ApplicationScoped
class JpaCallRecords implements CallRecords {

    /** A call that tried more legs than this keeps the first ones; the column holds 100,000 characters. */
    private static final int MAX_LEGS = 100;

    @PersistenceContext(unitName = "plus")
    EntityManager em;

    @Override
    public void add(CallRecord record) {
        var row = new CallRecordEntity();
        row.id = record.id();
        row.fromNumber = cut(record.from(), 40);
        row.fromUser = record.fromUser().map(Extension::digits).orElse(null);
        row.toNumber = cut(record.to(), 100);
        row.calledUser = record.calledUser().map(Extension::digits).orElse(null);
        row.answeredBy = record.answeredBy().map(Extension::digits).orElse(null);
        row.startedAt = record.start();
        row.answeredAt = record.answer().orElse(null);
        row.endedAt = record.end();
        row.outcome = record.outcome();
        row.detail = detail(record);
        for (Extension user : record.participants()) {
            var participant = new CallParticipantEntity();
            participant.call = row;
            participant.extension = user.digits();
            participant.endedAt = record.end();
            row.participants.add(participant);
        }
        em.persist(row);
    }

    @Override
    public Optional<CallRecord> find(String id) {
        return Optional.ofNullable(em.find(CallRecordEntity.class, id)).map(JpaCallRecords::toRecord);
    }

    @Override
    public List<CallRecord> of(Extension user, int limit) {
        return em.createQuery("select p.call from CallParticipantEntity p where p.extension = :ext"
                        + " order by p.endedAt desc", CallRecordEntity.class)
                .setParameter("ext", user.digits())
                .setMaxResults(limit)
                .getResultStream()
                .map(JpaCallRecords::toRecord)
                .toList();
    }

    @Override
    public int removeEndedBefore(Instant before) {
        em.createQuery("delete from CallParticipantEntity p where p.endedAt < :before")
                .setParameter("before", before).executeUpdate();
        return em.createQuery("delete from CallRecordEntity c where c.endedAt < :before")
                .setParameter("before", before).executeUpdate();
    }

    private static CallRecord toRecord(CallRecordEntity row) {
        JsonObject detail = Json.createReader(new StringReader(row.detail)).readObject();
        return new CallRecord(row.id, row.fromNumber, Optional.ofNullable(row.fromUser).map(Extension::of),
                row.toNumber, Optional.ofNullable(row.calledUser).map(Extension::of),
                Optional.ofNullable(row.answeredBy).map(Extension::of), row.startedAt,
                Optional.ofNullable(row.answeredAt), row.endedAt, row.outcome,
                detail.getJsonArray("diversions").getValuesAs(JsonObject.class).stream().map(d -> new Diversion(
                        Extension.of(d.getString("by")), new PhoneNumber(d.getString("byNumber")),
                        DiversionCause.valueOf(d.getString("cause")), new PhoneNumber(d.getString("to")))).toList(),
                detail.getJsonArray("trace").getValuesAs(JsonObject.class).stream().map(e -> new Explanation(
                        optional(e, "user").map(Extension::of), strings(e.getJsonArray("rulesPassed")),
                        e.getString("rule"), e.getString("why"))).toList(),
                detail.getJsonArray("legs").getValuesAs(JsonObject.class).stream().map(l -> new LegTried(
                        l.getString("target"), optional(l, "user").map(Extension::of), l.getString("result"),
                        l.getInt("status"))).toList(),
                row.participants.stream().map(p -> Extension.of(p.extension)).collect(Collectors.toSet()));
    }

    private static String detail(CallRecord record) {
        JsonArrayBuilder diversions = Json.createArrayBuilder();
        record.diversions().forEach(d -> diversions.add(Json.createObjectBuilder().add("by", d.by().digits())
                .add("byNumber", d.byNumber().value()).add("cause", d.cause().name()).add("to", d.to().value())));
        JsonArrayBuilder trace = Json.createArrayBuilder();
        record.trace().forEach(e -> {
            var step = Json.createObjectBuilder();
            e.user().ifPresent(u -> step.add("user", u.digits()));
            trace.add(step.add("rulesPassed", Json.createArrayBuilder(e.rulesPassed())).add("rule", e.rule())
                    .add("why", cut(e.why(), 1000)));
        });
        JsonArrayBuilder legs = Json.createArrayBuilder();
        record.legs().stream().limit(MAX_LEGS).forEach(l -> {
            var leg = Json.createObjectBuilder().add("target", cut(l.target(), 300));
            l.user().ifPresent(u -> leg.add("user", u.digits()));
            legs.add(leg.add("result", l.result()).add("status", l.status()));
        });
        return Json.createObjectBuilder().add("diversions", diversions).add("trace", trace).add("legs", legs)
                .build().toString();
    }

    private static Optional<String> optional(JsonObject json, String name) {
        return json.containsKey(name) && json.get(name).getValueType() == JsonValue.ValueType.STRING
                ? Optional.of(json.getString(name)) : Optional.empty();
    }

    private static List<String> strings(JsonArray array) {
        return array.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
