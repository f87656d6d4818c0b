/**
 * The browser viewer: static files served at {@code /ui/} by {@code ./rta server} and {@code ./rta gateway}
 * ({@link io.rta.ui.UiModule}); the page itself speaks only the public RTA API.
 */
package io.rta.ui;
