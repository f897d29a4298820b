package dev.vigil.template;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.Filter;

/** {@code {{ flow_run | ui_url }}}: the Prefect UI link of an object, resource or event; empty without a UI URL. */
final class UiUrlFilter implements Filter {

    private final String uiUrl;

    UiUrlFilter(String uiUrl) {
        this.uiUrl = uiUrl;
    }

    @Override
    public String getName() {
        return "ui_url";
    }

    @Override
    public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
        return UiUrls.ofObject(uiUrl, var);
    }
}
