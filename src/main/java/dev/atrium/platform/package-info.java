/**
 * The plugin API of Atrium: the extension points every feature module (and every external plugin)
 * contributes to, and the small value types they exchange. It depends on no other module, so a
 * plugin compiled against it needs nothing else from Atrium.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package dev.atrium.platform;
