package org.careline.platform.audit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the audit resource type of a REST resource class, for the records of refused requests written by
 * {@link DeniedAccessMappers}. Without it the type is the class name minus {@code Resource}
 * ({@code ThreadResource} is {@code Thread}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface AuditedResource {

    /** The resource type recorded, e.g. {@code Thread}. */
    String value();
}
