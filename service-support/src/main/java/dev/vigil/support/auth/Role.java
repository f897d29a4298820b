package dev.vigil.support.auth;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** The role of an API key: what its requests may do (see {@link AccessRules} for what each call needs). */
public enum Role {
    READ(EnumSet.of(Permission.READ)),
    /** Emitters: posting events only. */
    EVENTS(EnumSet.of(Permission.EMIT_EVENTS)),
    WRITE(EnumSet.of(Permission.READ, Permission.WRITE, Permission.EMIT_EVENTS)),
    ADMIN(EnumSet.allOf(Permission.class));

    private final Set<Permission> granted;

    Role(Set<Permission> granted) {
        this.granted = granted;
    }

    public boolean allows(Permission permission) {
        return granted.contains(permission);
    }

    /** The name in the API and the database: {@code read}, {@code events}, {@code write}, {@code admin}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role of a wire name, or null if there is none. */
    public static Role fromWireName(String name) {
        for (Role role : values()) {
            if (role.wireName().equals(name)) {
                return role;
            }
        }
        return null;
    }
}
