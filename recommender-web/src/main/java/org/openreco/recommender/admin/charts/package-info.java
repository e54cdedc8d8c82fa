/**
 * Small server-side charts for the console, drawn as inline SVG (the free Vaadin components have
 * no chart; Vaadin Charts is commercial).
 */
package org.openreco.recommender.admin.charts;
