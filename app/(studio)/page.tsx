import { connection } from "next/server";
import { Studio } from "@/components/studio/studio";
import { loadStudioConfig } from "@/lib/workflows/studio-config";

export default async function NewProjectPage() {
  // The engines in use are read at request time, never frozen into the build.
  await connection();
  return <Studio initial={{}} config={loadStudioConfig()} />;
}
