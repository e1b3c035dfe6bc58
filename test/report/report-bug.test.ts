// `kdview report` on the shared bug dump, every format.
import { liveFormats } from './live-formats.js';

liveFormats('bug');
