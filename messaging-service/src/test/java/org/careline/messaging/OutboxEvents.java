package org.careline.messaging;

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

/** The events of one type this service wrote to its outbox about one subject, oldest first, as raw JSON. */
final class OutboxEvents {

    private static final EventCodec CODEC = new EventCodec();

    private OutboxEvents() {
    }

    static List<String> raw(EventType type, String subject) {
        List<String> events = new ArrayList<>();
        try (Connection c = TestDatabase.connect();
             PreparedStatement s = c.prepareStatement("select payload from outbox_event where event_type = ?"
                     + " and payload::jsonb ->> 'subject' = ? order by id")) {
            s.setString(1, type.type());
            s.setString(2, subject);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    events.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return events;
    }

    /** {@code topic|record_key} of each such event, oldest first. */
    static List<String> routing(EventType type, String subject) {
        List<String> routes = new ArrayList<>();
        try (Connection c = TestDatabase.connect();
             PreparedStatement s = c.prepareStatement("select topic, record_key from outbox_event where event_type = ?"
                     + " and payload::jsonb ->> 'subject' = ? order by id")) {
            s.setString(1, type.type());
            s.setString(2, subject);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    routes.add(rs.getString(1) + "|" + rs.getString(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return routes;
    }

    static <T> List<T> data(EventType type, String subject, Class<T> payload) {
        return raw(type, subject).stream().map(json -> CODEC.data(CODEC.read(json), type, payload)).toList();
    }

    static CloudEvent read(String json) {
        return CODEC.read(json);
    }
}
