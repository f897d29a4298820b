package dev.vigil.model.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import java.io.IOException;

/**
 * An integer that may be left out (its default applies) but is never {@code null}, a string or a fraction:
 * Prefect's {@code int} fields with a default.
 */
public final class RequiredIntegerDeserializer extends JsonDeserializer<Integer> {

    @Override
    public Integer deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (parser.currentToken() == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() == JsonParser.NumberType.INT) {
            return parser.getIntValue();
        }
        return (Integer) context.handleUnexpectedToken(Integer.class, parser);
    }

    @Override
    public Integer getNullValue(DeserializationContext context) throws JsonMappingException {
        throw context.instantiationException(Integer.class, "should be a valid integer, not null");
    }

    @Override
    public Object getAbsentValue(DeserializationContext context) {
        return null;
    }
}
