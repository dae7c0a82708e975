package org.careline.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CorpusTest {

    @Test
    void devSetCategoriesMapToThreadTopics() {
        assertEquals("CLINICAL_QUESTION", Corpus.topicFor("CLINICAL"));
        assertEquals("PAPERWORK", Corpus.topicFor("ADMINISTRATIVE"));
        assertEquals("OTHER", Corpus.topicFor("SOMETHING_NEW"));
    }
}
