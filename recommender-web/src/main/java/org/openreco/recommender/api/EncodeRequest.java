package org.openreco.recommender.api;

import java.util.List;

public record EncodeRequest(List<String> texts) {
}
