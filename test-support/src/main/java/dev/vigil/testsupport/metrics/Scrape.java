package dev.vigil.testsupport.metrics;

import static io.restassured.RestAssured.given;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scrape of the service's {@code /q/metrics} (Prometheus text format) and the values in it: the sum of a
 * metric's samples whose labels include the given ones.
 */
public final class Scrape {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{([^}]*)\\})?\\s+(\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final String text;

    private Scrape(String text) {
        this.text = text;
    }

    /** Scrapes the service under test (RestAssured's base URI, with its default key). */
    public static Scrape now() {
        return of(given().get("/q/metrics").then().statusCode(200).extract().asString());
    }

    public static Scrape of(String text) {
        return new Scrape(text);
    }

    public String text() {
        return text;
    }

    /** Whether any sample of {@code name} carries {@code labels}. */
    public boolean has(String name, Map<String, String> labels) {
        return count(name, labels) > 0;
    }

    /** The sum of the samples of {@code name} that carry {@code labels} (0 when there is none). */
    public double value(String name, Map<String, String> labels) {
        double sum = 0;
        for (String line : text.split("\n")) {
            Matcher sample = matching(line, name, labels);
            if (sample != null) {
                double value = Double.parseDouble(sample.group(4));
                if (!Double.isNaN(value)) {
                    sum += value;
                }
            }
        }
        return sum;
    }

    public double value(String name) {
        return value(name, Map.of());
    }

    private int count(String name, Map<String, String> labels) {
        int found = 0;
        for (String line : text.split("\n")) {
            if (matching(line, name, labels) != null) {
                found++;
            }
        }
        return found;
    }

    private static Matcher matching(String line, String name, Map<String, String> labels) {
        if (line.startsWith("#")) {
            return null;
        }
        Matcher sample = SAMPLE.matcher(line);
        if (!sample.find() || !sample.group(1).equals(name)) {
            return null;
        }
        String inside = sample.group(3) == null ? "" : sample.group(3);
        for (Map.Entry<String, String> wanted : labels.entrySet()) {
            Matcher label = LABEL.matcher(inside);
            boolean present = false;
            while (label.find()) {
                if (label.group(1).equals(wanted.getKey()) && label.group(2).equals(wanted.getValue())) {
                    present = true;
                }
            }
            if (!present) {
                return null;
            }
        }
        return sample;
    }
}
