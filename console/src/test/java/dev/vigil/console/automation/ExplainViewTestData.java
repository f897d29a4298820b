package dev.vigil.console.automation;

/** The explain answer of a compound automation (with a nested sequence) the tests share. */
public final class ExplainViewTestData {

    public static final String COMPOSITE = ExplainViewTest.COMPOSITE;

    private ExplainViewTestData() {
    }
}
