package dev.vigil.evaluator.bench;

import io.quarkus.redis.datasource.RedisDataSource;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the benchmarks read of the Redis server's own counters ({@code INFO}). */
public final class RedisServerStats {

    private static final Pattern CPU = Pattern.compile("used_cpu_(?:user|sys):([0-9.]+)");
    private static final Pattern CALLS = Pattern.compile("cmdstat_([a-z|]+):calls=(\\d+)");

    private RedisServerStats() {
    }

    /** CPU time the Redis server has used so far, by {@code INFO cpu}. */
    public static double cpuSeconds(RedisDataSource redis) {
        String info = redis.execute("INFO", "cpu").toString();
        double seconds = 0;
        Matcher matcher = CPU.matcher(info);
        while (matcher.find()) {
            seconds += Double.parseDouble(matcher.group(1));
        }
        return seconds;
    }

    /** Commands Redis has run so far, per command, by {@code INFO commandstats} (the INFO call itself included). */
    public static Map<String, Long> commandCalls(RedisDataSource redis) {
        String info = redis.execute("INFO", "commandstats").toString();
        Map<String, Long> calls = new HashMap<>();
        Matcher matcher = CALLS.matcher(info);
        while (matcher.find()) {
            calls.merge(matcher.group(1), Long.parseLong(matcher.group(2)), Long::sum);
        }
        return calls;
    }

    /** All commands Redis has run so far. */
    public static long totalCommandCalls(RedisDataSource redis) {
        return commandCalls(redis).values().stream().mapToLong(Long::longValue).sum();
    }
}
