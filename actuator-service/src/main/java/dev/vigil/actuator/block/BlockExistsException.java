package dev.vigil.actuator.block;

/** A block of this type with this name exists already: Prefect's 409 "Block already exists". */
public class BlockExistsException extends RuntimeException {

    public static final String DETAIL = "Block already exists";

    public BlockExistsException() {
        super(DETAIL, null, false, false);
    }
}
