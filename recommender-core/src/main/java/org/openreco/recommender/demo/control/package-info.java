/** The seeded generator of the demo shop's products, users and events (pure logic, no I/O). */
package org.openreco.recommender.demo.control;
