package org.careline.bench;

import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ProbeTest {

    @Test
    void sampleSpansTheWholeRun() {
        List<Integer> all = IntStream.range(0, 1000).boxed().toList();
        List<Integer> sample = Probe.spread(all, 4);
        assertEquals(List.of(0, 250, 500, 750), sample);
        assertEquals(List.of(1, 2), Probe.spread(List.of(1, 2), 4));
    }

    @Test
    void lagFromServerTimestamps() {
        Instant created = Instant.parse("2026-11-23T18:00:00.100Z");
        assertEquals(250L, Probe.lag(created, TextNode.valueOf("2026-11-23T18:00:00.350Z")));
        assertNull(Probe.lag(created, null));
        assertEquals("CLINICAL_QUESTION", Corpus.topicFor("CLINICAL"));
        assertEquals("PAPERWORK", Corpus.topicFor("ADMINISTRATIVE"));
        assertEquals("OTHER", Corpus.topicFor("SOMETHING_NEW"));
    }
}
