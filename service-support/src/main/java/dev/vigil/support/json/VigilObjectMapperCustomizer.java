package dev.vigil.support.json;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import dev.vigil.model.json.VigilJson;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Makes the Quarkus-managed mapper (REST bodies, Kafka serdes) read and write exactly like {@link VigilJson},
 * and read request bodies strictly: JSON types are not coerced into each other ({@code "3"} is no integer,
 * {@code 3} no string, {@code 1} no boolean), and a null inside a typed list is refused. Prefect's own
 * clients always send the declared types; free-form values ({@code Map<String, Object>}) are unaffected.
 */
@Singleton
public class VigilObjectMapperCustomizer implements ObjectMapperCustomizer {

    private static final List<LogicalType> SCALARS = List.of(LogicalType.Integer, LogicalType.Float,
            LogicalType.Boolean, LogicalType.Textual);
    private static final List<CoercionInputShape> SCALAR_SHAPES = List.of(CoercionInputShape.Integer,
            CoercionInputShape.Float, CoercionInputShape.Boolean, CoercionInputShape.String);

    @Override
    public void customize(ObjectMapper mapper) {
        VigilJson.configure(mapper);
        strict(mapper);
    }

    public static ObjectMapper strict(ObjectMapper mapper) {
        for (LogicalType type : SCALARS) {
            for (CoercionInputShape shape : SCALAR_SHAPES) {
                if (!isNative(type, shape)) {
                    mapper.coercionConfigFor(type).setCoercion(shape, CoercionAction.Fail);
                }
            }
        }
        // An enum is named, never its position: "posture": 1 is no posture.
        mapper.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        for (Class<?> container : List.of(List.class, Set.class, Collection.class)) {
            mapper.configOverride(container).setSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL));
        }
        return mapper;
    }

    /** An integer is a valid float (Prefect accepts {@code 60} for {@code 60.0}); every other pair is a coercion. */
    private static boolean isNative(LogicalType type, CoercionInputShape shape) {
        return switch (type) {
            case Integer -> shape == CoercionInputShape.Integer;
            case Float -> shape == CoercionInputShape.Float || shape == CoercionInputShape.Integer;
            case Boolean -> shape == CoercionInputShape.Boolean;
            case Textual -> shape == CoercionInputShape.String;
            default -> true;
        };
    }
}
