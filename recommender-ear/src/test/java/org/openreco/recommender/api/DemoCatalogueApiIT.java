package org.openreco.recommender.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The generated demo shop, loaded through the admin API into the real database. */
class DemoCatalogueApiIT {

    /** Mean share of each user's events that fall in their two most frequent categories. */
    private static final String TOP_TWO_CATEGORY_SHARE = """
            with per_category as (
                select e.user_id, category, count(*) as n
                from interaction e
                join item i on i.id = e.item_id
                join catalogue c on c.id = e.catalogue_id
                cross join unnest(i.categories) as category
                where c.name = ?
                group by e.user_id, category),
            ranked as (
                select user_id, n, row_number() over (partition by user_id order by n desc) as rank,
                       sum(n) over (partition by user_id) as total
                from per_category)
            select avg(top_two / total)::float8
            from (select user_id, sum(n) filter (where rank <= 2)::float8 as top_two, max(total)::float8 as total
                  from ranked group by user_id) per_user""";

    @Test
    void the_demo_shop_holds_a_few_hundred_products_and_users_with_consistent_tastes() {
        String name = "demo-" + UUID.randomUUID().toString().substring(0, 8);
        var reply = Api.post("/api/v1/demo-catalogues", "{\"name\":\"" + name + "\"}");
        assertEquals(201, reply.status(), reply.body());
        var loaded = reply.json();

        long items = Database.count("item", name);
        long users = Database.count("app_user", name);
        long events = Database.count("interaction", name);
        assertEquals(loaded.getInt("items"), items);
        assertEquals(loaded.getInt("users"), users);
        assertEquals(loaded.getInt("events"), events);
        assertTrue(items >= 200 && items <= 1000, "a few hundred products, not " + items);
        assertTrue(users >= 100, "users: " + users);
        assertTrue(events >= 10 * users, "events: " + events);

        long categories = Database.<Long>single("""
                select count(distinct category) from item i join catalogue c on c.id = i.catalogue_id,
                unnest(i.categories) as category where c.name = ?""", name);
        assertTrue(categories >= 4 && categories <= 10, "a handful of categories, not " + categories);
        long untitled = Database.<Long>single("""
                select count(*) from item i join catalogue c on c.id = i.catalogue_id
                where c.name = ? and (length(i.title) < 8 or length(coalesce(i.description, '')) < 40)""", name);
        assertEquals(0, untitled, "every product has a real title and description");
        // Uniformly random behaviour over five categories would put about 40 % of a user's events in
        // their top two; users with tastes concentrate them there.
        double share = Database.<Double>single(TOP_TWO_CATEGORY_SHARE, name);
        assertTrue(share > 0.75, "share of events in each user's two favourite categories: " + share);
    }

    @Test
    void a_demo_catalogue_cannot_take_an_existing_name() {
        String name = "demo-taken-" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(201, Api.post("/api/v1/catalogues", "{\"name\":\"" + name + "\"}").status());
        var reply = Api.post("/api/v1/demo-catalogues", "{\"name\":\"" + name + "\"}");
        assertEquals(409, reply.status(), reply.body());
        assertEquals(0, Database.count("item", name));
    }
}
