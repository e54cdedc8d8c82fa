package org.openreco.recommender.training.control;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Dense indices 0..n-1 for external ids (users or items), in order of first appearance. */
public final class IdIndex {

    private final Map<String, Integer> indices = new HashMap<>();
    private final List<String> ids = new ArrayList<>();

    /** The id's index, assigning the next free one to a new id. */
    public int add(String id) {
        Integer index = indices.get(id);
        if (index == null) {
            index = ids.size();
            indices.put(id, index);
            ids.add(id);
        }
        return index;
    }

    /** The id's index, or -1 when it is unknown. */
    public int indexOf(String id) {
        Integer index = indices.get(id);
        return index == null ? -1 : index;
    }

    public String id(int index) {
        return ids.get(index);
    }

    public int size() {
        return ids.size();
    }
}
