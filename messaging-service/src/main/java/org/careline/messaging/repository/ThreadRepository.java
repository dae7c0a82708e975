package org.careline.messaging.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import org.careline.messaging.MessageThread;

import java.util.UUID;

@ApplicationScoped
public class ThreadRepository implements PanacheRepositoryBase<MessageThread, UUID> {
}
