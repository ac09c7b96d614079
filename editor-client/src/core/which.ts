/**
 * Find an executable on PATH (like `which`). No `vscode` import.
 */
import { constants, promises as fs } from "node:fs";
import * as path from "node:path";

export interface WhichEnv {
  PATH?: string;
  Path?: string;
  PATHEXT?: string;
}

export async function which(
  name: string,
  env: WhichEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): Promise<string | undefined> {
  const pathValue = env.PATH ?? env.Path ?? "";
  const sep = platform === "win32" ? ";" : ":";
  const exts = platform === "win32" ? (env.PATHEXT ?? ".EXE;.CMD;.BAT;.COM").split(";").filter(Boolean) : [""];
  for (const dir of pathValue.split(sep)) {
    if (!dir) continue;
    for (const ext of exts) {
      const candidate = path.join(dir, name + ext);
      if (await isExecutableFile(candidate, platform)) return candidate;
    }
  }
  return undefined;
}

async function isExecutableFile(p: string, platform: NodeJS.Platform): Promise<boolean> {
  try {
    const st = await fs.stat(p);
    if (!st.isFile()) return false;
    if (platform !== "win32") await fs.access(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
