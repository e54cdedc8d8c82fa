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

    /** A category's vocabulary: brands, adjectives, and each product kind with the features it can have. */
    private record Category(String name, List<String> brands, List<String> adjectives, Map<String, List<String>> products,
            List<String> uses) {

        List<String> kinds() {
            return products.keySet().stream().sorted().toList();
        }
    }

    private static final List<Category> CATEGORIES = List.of(
            new Category("books",
                    List.of("Harbor Press", "Northlight Books", "Quill & Ink", "Meridian", "Blue Finch"),
                    List.of("Silent", "Forgotten", "Last", "Hidden", "Winter", "Burning", "Glass", "Northern", "Secret", "Quiet"),
                    Map.of("Garden", List.of("a warm, funny coming-of-age story", "a family saga across three generations"),
                            "Lighthouse", List.of("a gripping mystery set on a storm-bound coast", "a slow-burning thriller with an unreliable narrator"),
                            "Kingdom", List.of("an epic fantasy of rival heirs", "a political intrigue in a crumbling empire"),
                            "Letters", List.of("an epistolary romance across two wars", "a witty debut about friendship and second chances"),
                            "Orchard", List.of("a quiet literary novel about a farming family", "a memoir of a year spent growing apples"),
                            "Cartographer", List.of("a historical adventure aboard a survey ship", "a meticulously researched history of mapmaking"),
                            "River", List.of("a travelogue down the Danube by canoe", "a crime novel set in a flooded river town"),
                            "Archive", List.of("a hard science-fiction mystery aboard a generation ship", "a puzzle-box thriller about a missing librarian"),
                            "Island", List.of("a survival story on a storm-lashed island", "an illustrated field guide to seabirds"),
                            "Clockmaker", List.of("a steampunk adventure in a city of gears", "a gentle fable about time and grief")),
                    List.of("long train journeys", "a rainy weekend", "book clubs", "readers who love a twist",
                            "anyone curious about the past", "reading aloud at bedtime")),
            new Category("outdoor",
                    List.of("Trailmark", "Summit", "Fjellwerk", "Pinecrest", "Alpen Ridge"),
                    List.of("Ultralight", "Waterproof", "Insulated", "Packable", "Rugged", "Four-Season", "Breathable", "Compact"),
                    Map.of("Tent", List.of("ripstop nylon with taped seams", "a one-hand setup in under three minutes"),
                            "Hiking Backpack", List.of("an adjustable ventilated back panel", "a 45-litre main compartment and hip-belt pockets"),
                            "Sleeping Bag", List.of("a recycled down fill rated to -5 °C", "a draft collar and a two-way zip"),
                            "Trekking Poles", List.of("carbon shafts that fold to 38 cm", "cork grips and quick-lock adjusters"),
                            "Rain Jacket", List.of("a 3-layer membrane with pit zips", "a helmet-compatible hood"),
                            "Camping Stove", List.of("a piezo igniter and a wind shield", "boils a litre of water in three minutes"),
                            "Headlamp", List.of("a 300-lumen beam with red night mode", "a USB-C rechargeable battery"),
                            "Water Filter", List.of("a hollow-fibre membrane that removes 99.9% of bacteria", "a squeeze pouch that rolls up small"),
                            "Hammock", List.of("tree-friendly straps and a bug net", "parachute nylon that holds 180 kg"),
                            "Trail Shoes", List.of("a Vibram outsole with deep lugs", "a rock plate and a quick-lace system")),
                    List.of("alpine treks", "weekend camping trips", "bikepacking", "wet Scottish summers", "thru-hikers counting grams",
                            "family campsites")),
            new Category("kitchen",
                    List.of("Copperline", "Maison Ferro", "Hearth & Co.", "Nordkök", "Saltbox"),
                    List.of("Cast-Iron", "Stainless", "Non-Stick", "Enamelled", "Carbon-Steel", "Ceramic", "Copper", "Glass"),
                    Map.of("Frying Pan", List.of("even heat from a thick encapsulated base", "an oven-safe handle up to 260 °C"),
                            "Dutch Oven", List.of("a lid that bastes as it cooks", "room for a whole chicken and its vegetables"),
                            "Chef's Knife", List.of("a hand-forged edge at 15 degrees", "a full tang and a riveted walnut handle"),
                            "Espresso Maker", List.of("a 9-bar pump and a steam wand", "a pressure gauge for the perfect shot"),
                            "Cutting Board", List.of("end-grain acacia that spares your knives", "a juice groove and rubber feet"),
                            "Stock Pot", List.of("a 10-litre capacity with measuring marks", "a tri-ply base that suits induction hobs"),
                            "Kettle", List.of("a pour spout that does not drip", "temperature presets for green tea and coffee"),
                            "Mixing Bowl Set", List.of("three nesting sizes with lids", "non-slip silicone bases"),
                            "Pepper Mill", List.of("a ceramic grinder that never rusts", "six coarseness settings"),
                            "Baking Tray", List.of("rolled edges that never warp", "a perforated base for crisp crusts")),
                    List.of("weeknight dinners", "slow Sunday roasts", "home baristas", "small apartments", "serious home cooks",
                            "batch cooking")),
            new Category("electronics",
                    List.of("Voltara", "Lumen Labs", "Sonique", "Pixelwerk", "Arcwave"),
                    List.of("Wireless", "Noise-Cancelling", "Smart", "Portable", "Slim", "Bluetooth", "Ergonomic", "Fast-Charging"),
                    Map.of("Headphones", List.of("adaptive noise cancelling with a transparency mode", "30 hours of battery life"),
                            "Speaker", List.of("360-degree sound and IP67 water resistance", "a stereo pairing button"),
                            "Webcam", List.of("1080p at 60 fps with auto-framing", "a privacy shutter and dual microphones"),
                            "Mechanical Keyboard", List.of("hot-swappable switches", "per-key backlighting and a detachable cable"),
                            "Power Bank", List.of("100 W pass-through charging", "20,000 mAh in a pocket-sized shell"),
                            "E-Reader", List.of("a glare-free 300 ppi screen", "weeks of battery life and warm light"),
                            "Smartwatch", List.of("GPS, heart-rate and sleep tracking", "a sapphire glass display"),
                            "Action Camera", List.of("image stabilisation for shaky trails", "4K video and a waterproof case"),
                            "USB-C Hub", List.of("two HDMI ports and gigabit Ethernet", "an SD card reader and 85 W power delivery"),
                            "Monitor", List.of("a 27-inch IPS panel with USB-C", "a height-adjustable stand and 144 Hz refresh")),
                    List.of("remote work", "commuting", "gaming nights", "content creators", "travel", "students")),
            new Category("toys",
                    List.of("Little Otter", "Brightblocks", "Tinker Town", "Woodland Play", "Starfish Toys"),
                    List.of("Wooden", "Magnetic", "Musical", "Glow-in-the-Dark", "Stackable", "Colourful", "Plush", "Giant"),
                    Map.of("Train Set", List.of("sustainably sourced beech wood track", "a bridge, a tunnel and three carriages"),
                            "Puzzle", List.of("chunky pieces for little hands", "a picture of animals from around the world"),
                            "Dinosaur", List.of("soft fabric that survives the washing machine", "a roar when you squeeze its tail"),
                            "Marble Run", List.of("100 pieces that click together", "a spiral tower and a marble lift"),
                            "Robot Kit", List.of("a beginner-friendly coding app", "motors and sensors kids wire up themselves"),
                            "Dollhouse", List.of("three floors and 20 pieces of furniture", "non-toxic water-based paints"),
                            "Kite", List.of("a ripstop sail that flies in light winds", "a 30-metre line on a winder"),
                            "Board Game", List.of("rules learned in five minutes", "cooperative play for two to five players"),
                            "Tea Set", List.of("a teapot, four cups and a sugar bowl", "a storage bag for tidy-up time"),
                            "Space Rocket", List.of("three astronauts and a launch pad", "lights and countdown sounds")),
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
                String brand;
                String adjective;
                String kind;
                String title;
                do {
                    brand = pick(category.brands(), random);
                    adjective = pick(category.adjectives(), random);
                    kind = pick(category.kinds(), random);
                    title = title(category.name(), brand, adjective, kind, random);
                } while (!titles.add(title));
                List<String> features = category.products().get(kind);
                String feature = features.get(random.nextInt(features.size()));
                String use = pick(category.uses(), random);
                String description = category.name().equals("books")
                        ? title + " is " + feature + ", published by " + brand + ". Perfect for " + use + "."
                        : "The " + title + " has " + feature + ". " + adjective + " and made for " + use
                                + "; backed by a two-year warranty from " + brand + ".";
                double price = Math.round((5 + random.nextDouble() * (category.name().equals("electronics") ? 395 : 145)) * 100) / 100.0;
                String attributes = String.format(Locale.ROOT, "{\"brand\":\"%s\",\"price\":%.2f}", brand, price);
                List<String> tags = List.of(adjective.toLowerCase(Locale.ROOT), kind.toLowerCase(Locale.ROOT));
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

    private static String title(String category, String brand, String adjective, String kind, Random random) {
        return switch (category) {
            case "books" -> random.nextBoolean() ? "The " + adjective + " " + kind
                    : "The " + kind + " of the " + adjective + " " + pick(List.of("Sea", "North", "Hours", "Moon", "Valley", "Crown"), random);
            case "toys" -> adjective + " " + kind + (random.nextBoolean() ? "" : " " + pick(List.of("Deluxe", "Junior", "Explorer", "Classic"), random));
            default -> brand.split(" ")[0] + " " + adjective + " " + kind
                    + (random.nextInt(3) == 0 ? "" : " " + pick(List.of("Pro", "Lite", "2", "X", "Plus", "Mini", "Max"), random));
        };
    }

    private static String pick(List<String> words, Random random) {
        return words.get(random.nextInt(words.size()));
    }
}
