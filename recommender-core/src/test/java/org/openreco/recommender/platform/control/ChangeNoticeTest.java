package org.openreco.recommender.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class ChangeNoticeTest {

    private static final String NODE = "node-a-1f2e3d4c";

    @Test
    void aChangeOfUsersTravelsAsOneLineAndReadsBackTheSame() {
        var notices = ChangeNotice.ofUsers(NODE, 42, List.of(7L, 11L, 9_000_000_000L));

        assertEquals(1, notices.size());
        assertEquals("v1 node-a-1f2e3d4c users 42 7,11,9000000000", notices.getFirst().payload());
        assertEquals(Optional.of(notices.getFirst()), ChangeNotice.parse(notices.getFirst().payload()));
    }

    @Test
    void aChangeOfTheCatalogueKeepsWhatChangedOnOneShortLine() {
        var notice = ChangeNotice.ofCatalogue(NODE, 3, "item\nhidden  ");

        assertEquals("v1 node-a-1f2e3d4c catalogue 3 item hidden", notice.payload());
        var read = ChangeNotice.parse(notice.payload()).orElseThrow();
        assertEquals(ChangeNotice.Kind.CATALOGUE, read.kind());
        assertEquals("item hidden", read.what());
        assertEquals(ChangeNotice.MAX_WHAT_CHARACTERS, ChangeNotice.ofCatalogue(NODE, 3, "x".repeat(5_000)).what().length());
    }

    @Test
    void aLongUserListIsSplitIntoPayloadsPostgresqlAcceptsWithEveryUserInOrder() {
        var users = LongStream.range(1_000_000_000_000L, 1_000_000_000_000L + 2_000).boxed().toList();

        var notices = ChangeNotice.ofUsers(NODE, 5, users);

        assertTrue(notices.size() > 1 && notices.size() <= ChangeNotice.MAX_NOTICES_PER_CHANGE, notices.size() + " notices");
        var read = new ArrayList<Long>();
        for (var notice : notices) {
            String payload = notice.payload();
            assertTrue(ChangeNotice.bytes(payload) <= ChangeNotice.MAX_PAYLOAD_BYTES && ChangeNotice.bytes(payload) < 8000);
            read.addAll(ChangeNotice.parse(payload).orElseThrow().userIds());
        }
        assertEquals(users, read);
    }

    @Test
    void aUserListTooLongForAFewPayloadsBecomesAChangeOfTheWholeCatalogue() {
        var users = LongStream.range(0, 50_000).boxed().toList();

        var notices = ChangeNotice.ofUsers(NODE, 5, users);

        assertEquals(List.of(ChangeNotice.ofCatalogue(NODE, 5, "50000 users changed")), notices);
    }

    @Test
    void aChangeOfSettingsOrKeysTravelsOnItsOwnAndOncePerCatalogue() {
        var notice = ChangeNotice.ofAccess(NODE, 5);

        assertEquals("v1 node-a-1f2e3d4c access 5 ", notice.payload());
        assertEquals(Optional.of(notice), ChangeNotice.parse(notice.payload()));
        assertEquals(List.of(ChangeNotice.ofCatalogue(NODE, 5, "renamed"), notice), ChangeNotice.merged(NODE,
                List.of(notice, ChangeNotice.ofCatalogue(NODE, 5, "renamed"), ChangeNotice.ofAccess(NODE, 5))));
    }

    @Test
    void changesPiledUpInOneRoundAreMergedPerCatalogueAndAWholeCatalogueChangeCoversItsUsers() {
        var piled = new ArrayList<ChangeNotice>();
        piled.addAll(ChangeNotice.ofUsers(NODE, 1, List.of(7L, 8L)));
        piled.addAll(ChangeNotice.ofUsers(NODE, 2, List.of(5L)));
        piled.addAll(ChangeNotice.ofUsers(NODE, 1, List.of(8L, 9L)));
        piled.add(ChangeNotice.ofCatalogue(NODE, 3, "item hidden"));
        piled.addAll(ChangeNotice.ofUsers(NODE, 3, List.of(4L)));
        piled.add(ChangeNotice.ofCatalogue(NODE, 3, "model activated"));

        assertEquals(List.of(ChangeNotice.ofCatalogue(NODE, 3, "item hidden and 1 more"),
                ChangeNotice.ofUsers(NODE, 1, List.of(7L, 8L, 9L)).getFirst(),
                ChangeNotice.ofUsers(NODE, 2, List.of(5L)).getFirst()), ChangeNotice.merged(NODE, piled));
    }

    @Test
    void noUsersMeansNoNotice() {
        assertEquals(List.of(), ChangeNotice.ofUsers(NODE, 5, List.of()));
    }

    @Test
    void payloadsOfAnotherFormatOrDamagedOnesAreNotRead() {
        for (String payload : new String[] {null, "", "v2 n users 1 2", "v1 n users x 2", "v1 n users 1 2,x", "v1 n users 1 ",
                "v1 n groups 1 2", "hello"}) {
            assertEquals(Optional.empty(), ChangeNotice.parse(payload), payload);
        }
    }

    @Test
    void aNodeIdIsOneWord() {
        assertThrows(IllegalArgumentException.class, () -> ChangeNotice.ofCatalogue("node a", 1, "x"));
        assertThrows(IllegalArgumentException.class, () -> ChangeNotice.ofCatalogue("", 1, "x"));
    }
}
