package org.openreco.recommender.spark;

import java.util.HashMap;
import java.util.Map;

/**
 * The job's command line: {@code --model-version=N --through-id=N --master=URL --jdbc-url=URL --jdbc-user=NAME
 * [--partitions=N] [--local-dir=PATH]}. The database password comes from the environment ({@code DB_PASSWORD}),
 * never the command line, which other users of the machine can read.
 */
record JobArguments(long modelVersion, long throughId, String master, String jdbcUrl, String jdbcUser, String jdbcPassword,
        int partitions, String localDir) {

    static JobArguments parse(String[] args, Map<String, String> environment) {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("arguments are --name=value, not '" + arg + "'");
            }
            options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        return new JobArguments(Long.parseLong(required(options, "model-version")), Long.parseLong(required(options, "through-id")),
                required(options, "master"), required(options, "jdbc-url"), required(options, "jdbc-user"),
                // the server configuration's default when the environment names none
                environment.getOrDefault("DB_PASSWORD", "recommender"), Integer.parseInt(options.getOrDefault("partitions", "4")),
                options.getOrDefault("local-dir", System.getProperty("java.io.tmpdir")));
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }
}
