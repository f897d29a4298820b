package dev.vigil.testsupport.auth;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Registered for every test (META-INF/services and {@code junit.jupiter.extensions.autodetection.enabled}
 * in the parent pom's surefire configuration): installs the default test key in RestAssured as the
 * test class sees it. A {@code @QuarkusTest} class may be loaded by Quarkus' class loader, with a
 * RestAssured of its own, so the filter is installed through the test class's loader, not this one's.
 */
public final class DefaultApiKeyExtension implements BeforeAllCallback, BeforeEachCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        install(context.getRequiredTestClass().getClassLoader());
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        install(context.getRequiredTestInstance().getClass().getClassLoader());
        install(Thread.currentThread().getContextClassLoader());
    }

    private static void install(ClassLoader loader) {
        if (loader == null) {
            return;
        }
        try {
            Class.forName(TestApiKeys.class.getName(), true, loader).getMethod("installRestAssuredDefault")
                    .invoke(null);
        } catch (ClassNotFoundException | NoClassDefFoundError e) {
            // A test without RestAssured (or without this module) on its class path: nothing to install.
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot install the default test API key in RestAssured", e);
        }
    }
}
