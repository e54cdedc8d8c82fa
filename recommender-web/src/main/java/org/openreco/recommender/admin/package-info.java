/**
 * The admin console: a Vaadin Flow UI for operators, behind the container's FORM login (role
 * {@code admin} of the {@code recommender} security domain). {@link org.openreco.recommender.admin.MainLayout}
 * frames every view; each feature lives in its own sub-package as a {@code <Noun>View} with, where
 * it edits something, a {@code <Noun>Form}. Views only adapt the UI to the core's boundary facades:
 * no business rules here.
 */
package org.openreco.recommender.admin;
