package org.openreco.recommender.demo.control;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.openreco.recommender.catalog.boundary.ItemData;
import org.openreco.recommender.interactions.boundary.EventData;
import org.openreco.recommender.users.boundary.UserData;

/**
 * A small shop generated from a seed: products in five categories, titles and descriptions composed
 * from curated word lists (so the text embeddings have something to tell apart), and users who each
 * prefer one or two categories and mostly browse and buy there. The same seed gives the same shop;
 * only the event times are relative to the given "now", so that the demo's trends are current.
 */
public final class DemoShop {

    public static final String CATALOGUE = "demo-shop";
    public static final long SEED = 20_241_123L;
    public static final int PRODUCTS_PER_CATEGORY = 60;
    public static final int USERS = 200;
    /** share of a user's events in the categories they prefer */
    static final double TASTE_FIDELITY = 0.85;

    private record Category(String name, List<String> brands, List<String> adjectives, List<String> products,
            List<String> features, List<String> uses) {
    }

    private static final List<Category> CATEGORIES = List.of(
            new Category("books",
                    List.of("Harbor Press", "Northlight Books", "Quill & Ink", "Meridian", "Blue Finch"),
                    List.of("Silent", "Forgotten", "Last", "Hidden", "Winter", "Burning", "Glass", "Northern", "Secret", "Quiet"),
                    List.of("Garden", "Lighthouse", "Kingdom", "Letters", "Orchard", "Cartographer", "River", "Archive", "Island", "Clockmaker"),
                    List.of("a gripping mystery set on a storm-bound coast", "a sweeping family saga across three generations",
                            "a witty debut about friendship and second chances", "a meticulously researched history",
                            "a slow-burning thriller with an unreliable narrator", "a warm, funny coming-of-age story",
                            "a hard science-fiction adventure among the outer moons", "an illustrated field guide"),
                    List.of("long train journeys", "a rainy weekend", "book clubs", "readers who love a twist",
                            "anyone curious about the past", "reading aloud at bedtime")),
            new Category("outdoor",
                    List.of("Trailmark", "Summit Co.", "Fjellwerk", "Pinecrest", "Alpen Ridge"),
                    List.of("Ultralight", "Waterproof", "Insulated", "Packable", "Rugged", "Four-Season", "Breathable", "Compact"),
                    List.of("Tent", "Hiking Backpack", "Sleeping Bag", "Trekking Poles", "Rain Jacket", "Camping Stove",
                            "Headlamp", "Water Filter", "Hammock", "Trail Shoes"),
                    List.of("ripstop nylon with taped seams", "a recycled down fill rated to -5 °C", "an adjustable ventilated back panel",
                            "a 300-lumen beam with red night mode", "a Vibram outsole with deep lugs", "a one-hand setup in under three minutes",
                            "a hollow-fibre membrane that removes 99.9% of bacteria"),
                    List.of("alpine treks", "weekend camping trips", "bikepacking", "wet Scottish summers", "thru-hikers counting grams",
                            "family campsites")),
            new Category("kitchen",
                    List.of("Copperline", "Maison Ferro", "Hearth & Co.", "Nordkök", "Saltbox"),
                    List.of("Cast-Iron", "Stainless", "Non-Stick", "Enamelled", "Carbon-Steel", "Ceramic", "Bamboo", "Glass"),
                    List.of("Frying Pan", "Dutch Oven", "Chef's Knife", "Espresso Maker", "Cutting Board", "Stock Pot",
                            "Kettle", "Mixing Bowl Set", "Pepper Mill", "Baking Tray"),
                    List.of("even heat from a thick encapsulated base", "a hand-forged edge at 15 degrees", "an oven-safe handle up to 260 °C",
                            "a dishwasher-safe finish", "a pour spout that does not drip", "a lid that bastes as it cooks",
                            "a ceramic grinder that never rusts"),
                    List.of("weeknight dinners", "slow Sunday roasts", "home baristas", "small apartments", "serious home cooks",
                            "batch cooking")),
            new Category("electronics",
                    List.of("Voltara", "Lumen Labs", "Sonique", "Pixelwerk", "Arcwave"),
                    List.of("Wireless", "Noise-Cancelling", "Smart", "Portable", "4K", "Bluetooth", "Ergonomic", "Fast-Charging"),
                    List.of("Headphones", "Speaker", "Webcam", "Mechanical Keyboard", "Power Bank", "E-Reader", "Smartwatch",
                            "Action Camera", "USB-C Hub", "Monitor"),
                    List.of("30 hours of battery life", "adaptive noise cancelling with a transparency mode", "a 27-inch IPS panel",
                            "hot-swappable switches", "100 W pass-through charging", "image stabilisation for shaky trails",
                            "a glare-free 300 ppi screen"),
                    List.of("remote work", "commuting", "gaming nights", "content creators", "travel", "students")),
            new Category("toys",
                    List.of("Little Otter", "Brightblocks", "Tinker Town", "Woodland Play", "Starfish Toys"),
                    List.of("Wooden", "Magnetic", "Musical", "Glow-in-the-Dark", "Stackable", "Remote-Control", "Plush", "Building"),
                    List.of("Train Set", "Puzzle", "Dinosaur", "Marble Run", "Robot Kit", "Dollhouse", "Kite", "Board Game",
                            "Tea Set", "Space Rocket"),
                    List.of("sustainably sourced beech wood", "non-toxic water-based paints", "100 pieces that click together",
                            "rounded edges for little hands", "a beginner-friendly coding app", "a storage bag for tidy-up time"),
                    List.of("ages 3 and up", "rainy afternoons", "family game night", "curious young engineers", "birthday presents",
                            "toddlers learning shapes")));

    private DemoShop() {
    }

    public static List<String> categories() {
        return CATEGORIES.stream().map(Category::name).toList();
    }

    /** The products, in a fixed order; ids are "demo-&lt;category&gt;-&lt;nnn&gt;". */
    public static List<ItemData> products() {
        var random = new Random(SEED);
        var items = new ArrayList<ItemData>();
        for (Category category : CATEGORIES) {
            Set<String> titles = new HashSet<>();
            for (int n = 1; n <= PRODUCTS_PER_CATEGORY; n++) {
                String title;
                do {
                    title = title(category, random);
                } while (!titles.add(title));
                String feature = pick(category.features(), random);
                String use = pick(category.uses(), random);
                String brand = pick(category.brands(), random);
                String description = category.name().equals("books")
                        ? title + " is " + feature + ", published by " + brand + ". Perfect for " + use + "."
                        : "The " + title + " from " + brand + " comes with " + feature + ". Made for " + use
                                + "; backed by a two-year warranty.";
                double price = Math.round((5 + random.nextDouble() * (category.name().equals("electronics") ? 395 : 145)) * 100) / 100.0;
                String attributes = String.format(Locale.ROOT, "{\"brand\":\"%s\",\"price\":%.2f}", brand.replace("\"", ""), price);
                String named = title;
                List<String> tags = category.adjectives().stream().filter(named::contains)
                        .map(a -> a.toLowerCase(Locale.ROOT)).toList();
                items.add(new ItemData(id(category.name(), n), title, description, List.of(category.name()), tags,
                        attributes, true, null));
            }
        }
        return items;
    }

    public static List<UserData> users() {
        var users = new ArrayList<UserData>();
        for (int u = 1; u <= USERS; u++) {
            users.add(new UserData(userId(u), null, "{\"segment\":\"" + String.join("+", tastes(u)) + "\"}"));
        }
        return users;
    }

    /** The one or two categories user number u prefers. */
    public static List<String> tastes(int u) {
        var random = new Random(SEED * 31 + u);
        List<String> names = categories();
        String first = names.get(random.nextInt(names.size()));
        if (random.nextBoolean()) {
            return List.of(first);
        }
        String second;
        do {
            second = names.get(random.nextInt(names.size()));
        } while (second.equals(first));
        return List.of(first, second);
    }

    /**
     * Every user's events over the 60 days before now: mostly views, some clicks, likes, carts and
     * purchases, a few ratings; 85% in the user's preferred categories. Client event ids "demo:&lt;n&gt;"
     * make a second load harmless.
     */
    public static List<EventData> events(Instant now) {
        var random = new Random(SEED + 1);
        var events = new ArrayList<EventData>();
        Map<String, Integer> weights = Map.of("view", 60, "click", 20, "like", 7, "add-to-cart", 7, "purchase", 4, "rating", 2);
        List<String> types = List.copyOf(weights.keySet()).stream().sorted().toList();
        int total = weights.values().stream().mapToInt(Integer::intValue).sum();
        int n = 0;
        for (int u = 1; u <= USERS; u++) {
            List<String> tastes = tastes(u);
            int count = 15 + random.nextInt(26);
            for (int e = 0; e < count; e++) {
                String category = random.nextDouble() < TASTE_FIDELITY
                        ? tastes.get(random.nextInt(tastes.size()))
                        : categories().get(random.nextInt(CATEGORIES.size()));
                String item = id(category, 1 + random.nextInt(PRODUCTS_PER_CATEGORY));
                int roll = random.nextInt(total);
                String type = null;
                for (String t : types) {
                    roll -= weights.get(t);
                    if (roll < 0) {
                        type = t;
                        break;
                    }
                }
                Double value = type.equals("rating") ? (double) (3 + random.nextInt(3)) : null;
                Instant at = now.minus(Duration.ofMinutes(random.nextInt(60 * 24 * 60)));
                events.add(new EventData(userId(u), item, type, value, at, "demo:" + (++n), null));
            }
        }
        return events;
    }

    static String id(String category, int n) {
        return String.format(Locale.ROOT, "demo-%s-%03d", category, n);
    }

    static String userId(int u) {
        return String.format(Locale.ROOT, "demo-user-%03d", u);
    }

    private static String title(Category category, Random random) {
        String adjective = pick(category.adjectives(), random);
        String product = pick(category.products(), random);
        return switch (category.name()) {
            case "books" -> random.nextBoolean() ? "The " + adjective + " " + product
                    : "The " + product + " of the " + adjective + " " + pick(category.products(), random);
            case "toys" -> adjective + " " + product + (random.nextBoolean() ? "" : " " + pick(List.of("Deluxe", "Junior", "Explorer", "Classic"), random));
            default -> pick(category.brands(), random).split(" ")[0] + " " + adjective + " " + product
                    + (random.nextInt(3) == 0 ? "" : " " + pick(List.of("Pro", "Lite", "2", "X", "Plus", "Mini", "Max"), random));
        };
    }

    private static String pick(List<String> words, Random random) {
        return words.get(random.nextInt(words.size()));
    }
}
