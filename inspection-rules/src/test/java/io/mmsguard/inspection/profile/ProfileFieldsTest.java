package io.mmsguard.inspection.profile;

import static org.assertj.core.api.Assertions.assertThat;

import io.mmsguard.avro.EndpointList;
import io.mmsguard.avro.MmsProfile;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/**
 * Walks the Avro schemas of MmsProfile and EndpointList: every field of every record they contain must be either
 * validated or on the free list with a reason ({@link ProfileFields}), so that a new field cannot be forgotten.
 */
class ProfileFieldsTest {

    @Test
    void everySchemaFieldIsValidatedOrFreeWithAReason() {
        Set<String> fields = new TreeSet<>();
        walk(MmsProfile.getClassSchema(), fields, new HashSet<>());
        walk(EndpointList.getClassSchema(), fields, new HashSet<>());

        Set<String> unlisted = new TreeSet<>(fields);
        unlisted.removeAll(ProfileFields.VALIDATED.keySet());
        unlisted.removeAll(ProfileFields.FREE.keySet());
        assertThat(unlisted).as("fields neither validated nor on the free list (ProfileFields)").isEmpty();

        Set<String> both = new TreeSet<>(ProfileFields.VALIDATED.keySet());
        both.retainAll(ProfileFields.FREE.keySet());
        assertThat(both).as("fields on both lists").isEmpty();

        Set<String> stale = new TreeSet<>(ProfileFields.VALIDATED.keySet());
        stale.addAll(ProfileFields.FREE.keySet());
        stale.removeAll(fields);
        assertThat(stale).as("listed fields the schemas no longer have").isEmpty();

        assertThat(ProfileFields.FREE.values()).allSatisfy(reason -> assertThat(reason).isNotBlank());
    }

    private static void walk(Schema schema, Set<String> fields, Set<String> seen) {
        switch (schema.getType()) {
            case RECORD -> {
                if (!seen.add(schema.getFullName())) {
                    return;
                }
                for (Schema.Field f : schema.getFields()) {
                    fields.add(schema.getName() + "." + f.name());
                    walk(f.schema(), fields, seen);
                }
            }
            case ARRAY -> walk(schema.getElementType(), fields, seen);
            case MAP -> walk(schema.getValueType(), fields, seen);
            case UNION -> schema.getTypes().forEach(t -> walk(t, fields, seen));
            default -> {
            }
        }
    }
}
