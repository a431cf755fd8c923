package dev.atrium.platform;

import java.util.List;

/**
 * Published by a {@link SearchSource}'s module after its documents changed (once committed).
 *
 * @param type the source's type
 * @param ids ids of documents created, changed or removed; search asks the source for their current state
 */
public record SearchDocumentsChanged(String type, List<String> ids) {

	public SearchDocumentsChanged {
		ids = List.copyOf(ids);
	}

}
