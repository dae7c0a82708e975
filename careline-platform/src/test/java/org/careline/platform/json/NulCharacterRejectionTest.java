package org.careline.platform.json;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class NulCharacterRejectionTest {

    record Note(String subject, List<String> tags) {
    }

    private final ObjectMapper mapper = new ObjectMapper();

    NulCharacterRejectionTest() {
        new NulCharacterRejection().customize(mapper);
    }

    @Test
    void ordinaryTextAndOtherControlCharactersStillRead() throws Exception {
        Note note = mapper.readValue("{\"subject\":\"Refill\\tplease \\u00e9\",\"tags\":[\"a\"]}", Note.class);
        assertEquals("Refill\tplease é", note.subject());
    }

    @Test
    void aNulCharacterIsAMappingErrorNamingTheField() {
        JsonMappingException e = assertThrows(JsonMappingException.class,
                () -> mapper.readValue("{\"subject\":\"a\\u0000b\",\"tags\":[]}", Note.class));
        assertEquals("subject", e.getPath().get(0).getFieldName());
    }

    @Test
    void aNulCharacterInsideAListIsRefusedToo() {
        assertThrows(JsonMappingException.class,
                () -> mapper.readValue("{\"subject\":\"a\",\"tags\":[\"x\\u0000\"]}", Note.class));
    }
}
