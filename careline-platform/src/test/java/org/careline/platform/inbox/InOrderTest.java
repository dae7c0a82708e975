package org.careline.platform.inbox;

import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class InOrderTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @Test
    void manyStepsThatCompleteAtOnceDoNotGrowTheStack() {
        // the recursive chain this replaces overflowed a 512 KB stack after a few hundred such steps
        List<Integer> items = IntStream.range(0, 200_000).boxed().toList();
        List<Integer> seen = new ArrayList<>();
        InOrder.run(items, i -> {
            seen.add(i);
            return Uni.createFrom().voidItem();
        }).await().atMost(DEADLINE);
        assertEquals(items, seen);
    }

    @Test
    void asynchronousAndImmediateStepsRunOneAfterAnotherInOrder() {
        List<Integer> items = IntStream.range(0, 300).boxed().toList();
        List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
        int[] running = {0};
        int[] maxRunning = {0};
        InOrder.run(items, i -> {
            running[0]++;
            maxRunning[0] = Math.max(maxRunning[0], running[0]);
            seen.add(i);
            Uni<Void> step = i % 3 == 0
                    ? Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(1))
                    : Uni.createFrom().voidItem();
            return step.invoke(() -> running[0]--);
        }).await().atMost(DEADLINE);
        assertEquals(items, seen);
        assertEquals(1, maxRunning[0], "a step started before the previous one completed");
    }

    @Test
    void theFirstFailureStopsTheRunAndIsReported() {
        List<Integer> seen = new ArrayList<>();
        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> InOrder.run(List.of(1, 2, 3, 4), i -> {
            seen.add(i);
            return i == 2 ? Uni.createFrom().failure(new IllegalStateException("step " + i))
                    : Uni.createFrom().voidItem();
        }).await().atMost(DEADLINE));
        assertEquals("step 2", failure.getMessage());
        assertEquals(List.of(1, 2), seen);
    }

    @Test
    void aStepThatThrowsFailsTheRun() {
        assertThrows(IllegalArgumentException.class, () -> InOrder.run(List.of(1), i -> {
            throw new IllegalArgumentException("no");
        }).await().atMost(DEADLINE));
    }

    @Test
    void noItemsCompletesAtOnce() {
        InOrder.run(List.<Integer>of(), i -> Uni.createFrom().voidItem()).await().atMost(DEADLINE);
    }
}
