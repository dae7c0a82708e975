package org.careline.platform.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

import java.io.IOException;

/**
 * Refuses JSON strings that contain U+0000. PostgreSQL text cannot hold a NUL character, so such a value
 * used to reach the database and fail there as a 500; now it is a 400 problem naming the field, like any
 * other malformed value. (The fuzz tests found it: {@code ApiFuzzer} in careline-test-support.)
 */
@Singleton
public class NulCharacterRejection implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("careline-nul-rejection")
                .addDeserializer(String.class, new NulRejectingStringDeserializer()));
    }

    /** Jackson's own string deserializer, then the NUL check. */
    static final class NulRejectingStringDeserializer extends StringDeserializer {

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String value = super.deserialize(parser, context);
            if (value != null && value.indexOf('\u0000') >= 0) {
                // the exception's message is never echoed by ProblemMappers: only the field name is
                throw context.weirdStringException("", String.class, "contains a NUL character");
            }
            return value;
        }
    }
}
