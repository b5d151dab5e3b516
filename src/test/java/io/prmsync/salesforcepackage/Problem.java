package io.prmsync.salesforcepackage;

/**
 * One way the package does not serve the mappings.
 *
 * @param file the mapping file (or the permission set file) the problem is about
 * @param object the Salesforce object
 * @param field the field, or null for a problem with the object itself
 */
record Problem(String file, String object, String field, String message) {

    @Override
    public String toString() {
        return file + ": " + object + (field == null ? "" : "." + field) + ": " + message;
    }
}
