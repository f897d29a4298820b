package dev.vigil.system;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Just enough of nginx's config syntax to read the gateway template: directives with arguments,
 * ending in {@code ;} or a {@code { block }}; quoted strings and {@code #} comments.
 */
record NginxConfig(String name, List<String> args, List<NginxConfig> block) {

    /** The top-level directives of a config file, as the children of an unnamed root. */
    static NginxConfig parse(String text) {
        Parser parser = new Parser(tokenize(text));
        NginxConfig root = new NginxConfig("", List.of(), parser.directives());
        if (parser.hasMore()) {
            throw new IllegalArgumentException("unbalanced '}' in nginx config");
        }
        return root;
    }

    List<NginxConfig> children(String childName) {
        return block.stream().filter(d -> d.name.equals(childName)).toList();
    }

    Optional<NginxConfig> child(String childName) {
        List<NginxConfig> found = children(childName);
        if (found.size() > 1) {
            throw new IllegalArgumentException("more than one '" + childName + "' in '" + name + "'");
        }
        return found.stream().findFirst();
    }

    private static final String SPECIAL = "{};";

    private static List<String> tokenize(String text) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '#') {
                while (i < text.length() && text.charAt(i) != '\n') {
                    i++;
                }
            } else if (SPECIAL.indexOf(c) >= 0) {
                tokens.add(String.valueOf(c));
                i++;
            } else if (c == '\'' || c == '"') {
                int end = text.indexOf(c, i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("unterminated string in nginx config at offset " + i);
                }
                tokens.add(text.substring(i + 1, end));
                i = end + 1;
            } else {
                int start = i;
                while (i < text.length() && !Character.isWhitespace(text.charAt(i))
                        && SPECIAL.indexOf(text.charAt(i)) < 0) {
                    i = text.startsWith("${", i) ? variableEnd(text, i) : i + 1;
                }
                tokens.add(text.substring(start, i));
            }
        }
        return tokens;
    }

    /** Just past the {@code }} of a {@code ${name}} variable (nginx's or envsubst's) starting at {@code start}. */
    private static int variableEnd(String text, int start) {
        int close = text.indexOf('}', start);
        if (close < 0) {
            throw new IllegalArgumentException("unterminated ${ in nginx config at offset " + start);
        }
        return close + 1;
    }

    private static final class Parser {

        private final List<String> tokens;
        private int position;

        Parser(List<String> tokens) {
            this.tokens = tokens;
        }

        boolean hasMore() {
            return position < tokens.size();
        }

        /** Directives up to a closing brace (not consumed) or the end. */
        List<NginxConfig> directives() {
            List<NginxConfig> directives = new ArrayList<>();
            while (hasMore() && !tokens.get(position).equals("}")) {
                directives.add(directive());
            }
            return directives;
        }

        private NginxConfig directive() {
            String name = tokens.get(position++);
            List<String> args = new ArrayList<>();
            while (hasMore()) {
                String token = tokens.get(position++);
                if (token.equals(";")) {
                    return new NginxConfig(name, List.copyOf(args), List.of());
                }
                if (token.equals("{")) {
                    List<NginxConfig> block = directives();
                    if (!hasMore()) {
                        throw new IllegalArgumentException("block of '" + name + "' is not closed");
                    }
                    position++; // the closing brace
                    return new NginxConfig(name, List.copyOf(args), List.copyOf(block));
                }
                args.add(token);
            }
            throw new IllegalArgumentException("directive '" + name + "' does not end");
        }
    }
}
