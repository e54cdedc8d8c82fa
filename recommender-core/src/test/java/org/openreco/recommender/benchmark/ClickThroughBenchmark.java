package org.openreco.recommender.benchmark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.openreco.recommender.platform.control.SchemaMigration;
import org.openreco.recommender.recommendations.control.ClickAttribution;

/**
 * The click-through report's query (not a test; run by bin/benchmark-ctr): {@link ClickAttribution#daily}
 * over a catalogue with a given number of impressions spread evenly over the last 90 days (10 per
 * answer, four sources) and clicks on a share of them, next to a second catalogue of the same size that
 * the query must skip. Prints the plan PostgreSQL chose and the time of each window (7, 30, 90 days) as
 * the median and maximum of several rounds. The database is the real PostgreSQL (DB_URL, else the local
 * test database); both catalogues are deleted afterwards.
 *
 * <p>Arguments: {@code --impressions=1000000 --click-share=0.03 --rounds=5}.
 */
public final class ClickThroughBenchmark {

    private static final String URL = env("DB_URL", "jdbc:postgresql://localhost:55432/recommender_test");
    private static final String USER = env("DB_USER", "recommender");
    private static final String PASSWORD = env("DB_PASSWORD", "recommender");
    private static final int PER_ANSWER = 10;
    private static final int ITEMS = 5_000;
    private static final int USERS = 10_000;
    private static final int DAYS = 90;

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        Arrays.stream(args).filter(a -> a.startsWith("--") && a.contains("="))
                .forEach(a -> options.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1)));
        long impressions = Long.parseLong(options.getOrDefault("impressions", "1000000"));
        double clickShare = Double.parseDouble(options.getOrDefault("click-share", "0.03"));
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "5"));
        SchemaMigration.configuration().dataSource(URL, USER, PASSWORD).load().migrate();

        try (Connection sql = DriverManager.getConnection(URL, USER, PASSWORD)) {
            long measured = catalogue(sql);
            long other = catalogue(sql);
            try {
                long started = System.nanoTime();
                long clicks = fill(sql, measured, impressions, clickShare);
                fill(sql, other, impressions, clickShare);
                sql.createStatement().execute("analyze impression_list");
                sql.createStatement().execute("analyze interaction");
                System.out.println("== data");
                System.out.printf(Locale.ROOT, "%,d impressions (%d per answer, 4 sources, evenly over %d days) and %,d "
                        + "click events in the measured catalogue, as many in a second one; %,d items, %,d users each; "
                        + "set up in %.0f s%n", impressions, PER_ANSWER, DAYS, clicks, ITEMS, USERS,
                        (System.nanoTime() - started) / 1e9);
                System.out.println("database: " + URL);

                var today = LocalDate.now(ZoneOffset.UTC);
                System.out.println("== plan (30 days)");
                plan(sql, measured, today, 30);
                System.out.println("== ClickAttribution.daily, " + rounds + " rounds after one warm-up");
                var attribution = new ClickAttribution(sql);
                for (int days : new int[] {7, 30, 90}) {
                    attribution.daily(measured, today, days);
                    double[] millis = new double[rounds];
                    long rows = 0;
                    long shown = 0;
                    for (int r = 0; r < rounds; r++) {
                        long t = System.nanoTime();
                        var result = attribution.daily(measured, today, days);
                        millis[r] = (System.nanoTime() - t) / 1e6;
                        rows = result.size();
                        shown = result.stream().mapToLong(ClickAttribution.Day::impressions).sum();
                    }
                    Arrays.sort(millis);
                    System.out.printf(Locale.ROOT, "%3d days: %,10d impressions, %4d rows; median %8.1f ms, max %8.1f ms%n",
                            days, shown, rows, millis[rounds / 2], millis[rounds - 1]);
                }
            } finally {
                sql.createStatement().executeUpdate("delete from catalogue where id in (" + measured + ", " + other + ")");
            }
        }
    }

    private static long catalogue(Connection sql) throws SQLException {
        try (var insert = sql.prepareStatement("insert into catalogue (name) values (?) returning id")) {
            insert.setString(1, "bench-ctr-" + UUID.randomUUID().toString().substring(0, 8));
            try (var rs = insert.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * Items, users, impressions in answers of ten spread evenly over the last {@link #DAYS} days, and a
     * click event (weight 2, a minute after the answer) on the given share of impressions. Returns the clicks.
     */
    private static long fill(Connection sql, long catalogue, long impressions, double clickShare) throws SQLException {
        try (var st = sql.createStatement()) {
            st.execute("insert into item (catalogue_id, external_id, title) select " + catalogue
                    + ", 'i' || g, 'Item ' || g from generate_series(1, " + ITEMS + ") g");
            st.execute("insert into app_user (catalogue_id, external_id) select " + catalogue
                    + ", 'u' || g from generate_series(1, " + USERS + ") g");
            long answers = impressions / PER_ANSWER;
            st.execute("""
                    create temporary table answer as
                    select a, gen_random_uuid() as request_id,
                           now() - (a::float8 / %d) * interval '%d days' as shown_at,
                           (select min(id) from app_user where catalogue_id = %d) + (a %% %d) as user_id,
                           (array['content', 'trending', 'collaborative', 'item-to-item'])[1 + a %% 4] as source
                      from generate_series(0, %d) a""".formatted(answers, DAYS, catalogue, USERS, answers - 1));
            st.execute("""
                    insert into impression_list (catalogue_id, request_id, user_id, item_ids, sources, scores, shown_at)
                    select %d, a.request_id, a.user_id,
                           array(select (select min(id) from item where catalogue_id = %d) + (a.a * 7 + p) %% %d
                                   from generate_series(0, %d) p order by p),
                           array_fill(a.source, array[%d]), array_fill(null::float8, array[%d]), a.shown_at
                      from answer a""".formatted(catalogue, catalogue, ITEMS, PER_ANSWER - 1, PER_ANSWER, PER_ANSWER));
            int clicked = st.executeUpdate("""
                    insert into interaction (catalogue_id, user_id, item_id, type, weight, occurred_at, received_at, request_id)
                    select catalogue_id, user_id, item_id, 'click', 2, shown_at + interval '1 minute',
                           shown_at + interval '1 minute', request_id
                      from impression where catalogue_id = %d and random() < %s""".formatted(catalogue, clickShare));
            st.execute("drop table answer");
            return clicked;
        }
    }

    private static void plan(Connection sql, long catalogue, LocalDate today, int days) throws SQLException {
        // the query as ClickAttribution runs it, with its parameters inlined
        try (var st = sql.createStatement(); var rs = st.executeQuery("""
                explain (analyze, buffers, costs off, timing off)
                select (s.shown_at at time zone 'UTC')::date as day, s.source, count(*) as impressions,
                       count(*) filter (where exists (
                           select 1 from interaction e
                            where e.request_id = s.request_id and e.item_id = s.item_id
                              and e.catalogue_id = s.catalogue_id and e.weight > 0
                              and e.received_at >= s.shown_at)) as clicks
                  from impression s
                 where s.catalogue_id = %d
                   and s.shown_at >= cast(date '%s' - %d as timestamp) at time zone 'UTC'
                   and s.shown_at < cast(date '%s' + 1 as timestamp) at time zone 'UTC'
                 group by 1, 2
                 order by 1, 2""".formatted(catalogue, today, days - 1, today))) {
            while (rs.next()) {
                System.out.println("  " + rs.getString(1));
            }
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
