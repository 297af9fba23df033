/** The aspect ratios a render may ask for, without zod: the render controls need only the list. */
export const aspectRatios = ["1:1", "4:5", "3:4", "2:3", "9:16", "5:4", "4:3", "3:2", "16:9"] as const;
export type AspectRatio = (typeof aspectRatios)[number];
