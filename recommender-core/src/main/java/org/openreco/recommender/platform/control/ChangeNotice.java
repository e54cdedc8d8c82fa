package org.openreco.recommender.platform.control;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One change as it travels between the nodes sharing a database: the payload of a PostgreSQL
 * {@code NOTIFY}, one line of text, {@code v1 <node> users <catalogue> <id>,<id>,…} or
 * {@code v1 <node> catalogue <catalogue> <what>} or {@code v1 <node> access <catalogue> } (its settings or
 * keys). The node is who made the change, so that it can skip
 * its own notices. PostgreSQL refuses payloads of 8000 bytes or more: a long user list is split over
 * several notices, and one that would need more than {@value #MAX_NOTICES_PER_CHANGE} becomes a change of
 * the whole catalogue, which costs the other nodes some recomputing and nothing in correctness.
 */
public record ChangeNotice(String node, Kind kind, long catalogueId, List<Long> userIds, String what) {

    public enum Kind { USERS, CATALOGUE, ACCESS }

    static final String VERSION = "v1";
    static final int MAX_PAYLOAD_BYTES = 7_900;
    static final int MAX_NOTICES_PER_CHANGE = 16;
    static final int MAX_WHAT_CHARACTERS = 200;

    public ChangeNotice {
        if (node.isEmpty() || node.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("a node id is one word: '" + node + "'");
        }
        userIds = List.copyOf(userIds);
        what = what == null ? "" : what;
    }

    /** The notices of a change of these users: one, several, or one for the whole catalogue. */
    public static List<ChangeNotice> ofUsers(String node, long catalogueId, Collection<Long> userIds) {
        if (userIds.isEmpty()) {
            return List.of();
        }
        int room = MAX_PAYLOAD_BYTES - bytes(header(node, Kind.USERS, catalogueId));
        var notices = new ArrayList<ChangeNotice>();
        var part = new ArrayList<Long>();
        int used = 0;
        for (long user : userIds) {
            int length = Long.toString(user).length() + (part.isEmpty() ? 0 : 1);
            if (used + length > room) {
                notices.add(new ChangeNotice(node, Kind.USERS, catalogueId, part, null));
                part = new ArrayList<>();
                length = Long.toString(user).length();
                used = 0;
            }
            part.add(user);
            used += length;
        }
        notices.add(new ChangeNotice(node, Kind.USERS, catalogueId, part, null));
        if (notices.size() > MAX_NOTICES_PER_CHANGE) {
            return List.of(ofCatalogue(node, catalogueId, userIds.size() + " users changed"));
        }
        return notices;
    }

    /** The notice of a change of the whole catalogue; {@code what} is cut to a short text for logs. */
    public static ChangeNotice ofCatalogue(String node, long catalogueId, String what) {
        String text = what == null ? "" : what.replaceAll("\\s+", " ").strip();
        if (text.length() > MAX_WHAT_CHARACTERS) {
            text = text.substring(0, MAX_WHAT_CHARACTERS);
        }
        return new ChangeNotice(node, Kind.CATALOGUE, catalogueId, List.of(), text);
    }

    /** The notice that the catalogue's settings or keys changed. */
    public static ChangeNotice ofAccess(String node, long catalogueId) {
        return new ChangeNotice(node, Kind.ACCESS, catalogueId, List.of(), "");
    }

    /**
     * The same changes in as few notices as they fit in: per catalogue either one change of the whole
     * catalogue (when any of them was one) or the union of the users, in first-seen order. Sending what
     * piled up in one round this way keeps a busy node's notifications to a few per round.
     */
    public static List<ChangeNotice> merged(String node, List<ChangeNotice> notices) {
        var users = new LinkedHashMap<Long, Set<Long>>();
        var whole = new LinkedHashMap<Long, List<String>>();
        var access = new LinkedHashSet<Long>();
        for (var notice : notices) {
            if (notice.kind() == Kind.ACCESS) {
                access.add(notice.catalogueId());
            } else if (notice.kind() == Kind.CATALOGUE) {
                whole.computeIfAbsent(notice.catalogueId(), id -> new ArrayList<>()).add(notice.what());
            } else {
                users.computeIfAbsent(notice.catalogueId(), id -> new LinkedHashSet<>()).addAll(notice.userIds());
            }
        }
        var merged = new ArrayList<ChangeNotice>();
        whole.forEach((catalogueId, whats) -> merged.add(ofCatalogue(node, catalogueId,
                whats.size() == 1 ? whats.getFirst() : whats.getFirst() + " and " + (whats.size() - 1) + " more")));
        users.forEach((catalogueId, ids) -> {
            if (!whole.containsKey(catalogueId)) {
                merged.addAll(ofUsers(node, catalogueId, ids));
            }
        });
        access.forEach(catalogueId -> merged.add(ofAccess(node, catalogueId)));
        return merged;
    }

    public String payload() {
        var payload = new StringBuilder(header(node, kind, catalogueId));
        if (kind == Kind.USERS) {
            for (int i = 0; i < userIds.size(); i++) {
                payload.append(i == 0 ? "" : ",").append(userIds.get(i));
            }
        } else {
            payload.append(what);
        }
        return payload.toString();
    }

    /** The notice a payload carries; empty for what this version cannot read (another format, damage). */
    public static Optional<ChangeNotice> parse(String payload) {
        String[] parts = payload == null ? new String[0] : payload.split(" ", 5);
        if (parts.length != 5 || !VERSION.equals(parts[0])) {
            return Optional.empty();
        }
        try {
            long catalogueId = Long.parseLong(parts[3]);
            return switch (parts[2]) {
                case "users" -> Optional.of(new ChangeNotice(parts[1], Kind.USERS, catalogueId, users(parts[4]), null));
                case "catalogue" -> Optional.of(new ChangeNotice(parts[1], Kind.CATALOGUE, catalogueId, List.of(), parts[4]));
                case "access" -> Optional.of(ofAccess(parts[1], catalogueId));
                default -> Optional.empty();
            };
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static int bytes(String payload) {
        return payload.getBytes(StandardCharsets.UTF_8).length;
    }

    private static List<Long> users(String list) {
        var users = new ArrayList<Long>();
        for (String id : list.split(",")) {
            users.add(Long.parseLong(id));
        }
        return users;
    }

    private static String header(String node, Kind kind, long catalogueId) {
        return VERSION + " " + node + " " + kind.name().toLowerCase(java.util.Locale.ROOT) + " " + catalogueId + " ";
    }
}
