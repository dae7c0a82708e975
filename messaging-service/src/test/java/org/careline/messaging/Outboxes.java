package org.careline.messaging;

import org.careline.events.AccessRecorded;
import org.careline.events.CloudEvent;
import org.careline.events.EventCodec;
import org.careline.events.EventType;
import org.careline.testsupport.TestDatabase;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** What the service under test wrote to its outbox (published or not), read back for assertions. */
final class Outboxes {

    private static final EventCodec CODEC = new EventCodec();

    private Outboxes() {
    }

    /** The payloads of {@code type} about {@code subject} (e.g. a thread id), oldest first. */
    static <T> List<T> events(EventType type, String subject, Class<T> payload) {
        List<T> found = new ArrayList<>();
        for (CloudEvent event : query("event_type = ? and payload::jsonb ->> 'subject' = ?", type.type(), subject)) {
            found.add(CODEC.data(event, type, payload));
        }
        return found;
    }

    /** The audit records written for the request with this {@code X-Request-Id}, oldest first. */
    static List<AccessRecorded> auditsOfRequest(String requestId) {
        List<AccessRecorded> found = new ArrayList<>();
        for (CloudEvent event : query("event_type = ? and payload::jsonb -> 'data' ->> 'requestId' = ?",
                EventType.ACCESS_RECORDED.type(), requestId)) {
            found.add(CODEC.data(event, EventType.ACCESS_RECORDED, AccessRecorded.class));
        }
        return found;
    }

    /** The raw stored value of the event with this id, exactly as the relay will publish it. */
    static String storedPayload(String eventId) {
        try (Connection c = TestDatabase.connect();
             PreparedStatement s = c.prepareStatement("select payload from outbox_event where event_id = ?::uuid")) {
            s.setString(1, eventId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<CloudEvent> query(String where, String... params) {
        List<CloudEvent> events = new ArrayList<>();
        try (Connection c = TestDatabase.connect();
             PreparedStatement s = c.prepareStatement("select payload from outbox_event where " + where + " order by id")) {
            for (int i = 0; i < params.length; i++) {
                s.setString(i + 1, params[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    events.add(CODEC.read(rs.getString(1)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return events;
    }
}
