package dev.vigil.console.web;

/**
 * Where a list page is: {@code page} of {@code pages} (1-based), rows {@code first}..{@code last} of
 * {@code total}, and the links to the neighbours (empty at the ends).
 */
public record Paging(int page, long pages, long total, long first, long last, String previous, String next) {

    public static Paging of(int page, int size, long total, String base) {
        long pages = Math.max(1, (total + size - 1) / size);
        long first = total == 0 ? 0 : (long) (page - 1) * size + 1;
        long last = Math.min(total, (long) page * size);
        String separator = base.contains("?") ? "&" : "?";
        String previous = page > 1 ? base + separator + "page=" + (page - 1) : "";
        String next = page < pages ? base + separator + "page=" + (page + 1) : "";
        return new Paging(page, pages, total, first, last, previous, next);
    }
}
