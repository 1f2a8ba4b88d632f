//! The workshop's vocabularies: what a device, a disk, a test, a grade, an accessory, a
//! quality item, a scrapping or a return can be. Stored as text, typed here.

use crate::text_enum;

text_enum!(
    /// What a donor is.
    DonorKind {
        Association = "association",
        LocalAuthority = "local_authority",
        Company = "company",
        Individual = "individual",
    }
);

text_enum!(
    DeviceKind {
        Laptop = "laptop",
        Desktop = "desktop",
        Tablet = "tablet",
        Screen = "screen",
        Other = "other",
    }
);

text_enum!(
    /// A storage device's technology.
    DiskKind {
        Hdd = "hdd",
        Ssd = "ssd",
        Nvme = "nvme",
        Emmc = "emmc",
        Other = "other",
    }
);

text_enum!(
    /// The hardware tests of a diagnosis.
    HardwareTest {
        Keyboard = "keyboard",
        Touchpad = "touchpad",
        Screen = "screen",
        Ports = "ports",
        Webcam = "webcam",
        Audio = "audio",
        Wifi = "wifi",
        Battery = "battery",
    }
);

text_enum!(
    /// Appearance and function grades, A (as new) to D (heavily marked / limited).
    Grade {
        A = "a",
        B = "b",
        C = "c",
        D = "d",
    }
);

text_enum!(
    /// What became of a scrapped device.
    ScrapOutcome {
        /// Given to a recycling channel (named in `scrap_channel`).
        Recycled = "recycled",
        /// Kept to repair others.
        KeptForParts = "kept_for_parts",
    }
);

text_enum!(
    /// Why a family gave a device back.
    ReturnReason {
        DroppedOut = "dropped_out",
        Fault = "fault",
        Other = "other",
    }
);

text_enum!(
    /// What comes with a computer handed over.
    Accessory {
        Charger = "charger",
        Mouse = "mouse",
        Bag = "bag",
        Keyboard = "keyboard",
        Headset = "headset",
        Webcam = "webcam",
        UsbKey = "usb_key",
        NetworkCable = "network_cable",
    }
);

impl Accessory {
    pub fn label(self) -> &'static str {
        use Accessory::*;
        match self {
            Charger => "chargeur",
            Mouse => "souris",
            Bag => "sacoche",
            Keyboard => "clavier",
            Headset => "casque",
            Webcam => "webcam",
            UsbKey => "clé USB",
            NetworkCable => "câble réseau",
        }
    }
}

text_enum!(
    /// The quality checklist signed before a device is ready.
    QualityItem {
        /// The system starts and the prepared account opens.
        Boots = "boots",
        /// Wi-Fi connects and a web page opens.
        Network = "network",
        /// Sound plays, the webcam and microphone work.
        AudioVideo = "audio_video",
        /// The office suite, browser and usual software open.
        Software = "software",
        /// Updates are installed.
        Updates = "updates",
        /// No previous owner's data or account is left.
        NoPreviousData = "no_previous_data",
        /// Clean, with its charger, labelled.
        Presentation = "presentation",
    }
);

impl DonorKind {
    pub fn label(self) -> &'static str {
        match self {
            DonorKind::Association => "association",
            DonorKind::LocalAuthority => "collectivité",
            DonorKind::Company => "entreprise",
            DonorKind::Individual => "particulier",
        }
    }
}

impl DeviceKind {
    pub fn label(self) -> &'static str {
        match self {
            DeviceKind::Laptop => "ordinateur portable",
            DeviceKind::Desktop => "ordinateur fixe",
            DeviceKind::Tablet => "tablette",
            DeviceKind::Screen => "écran",
            DeviceKind::Other => "autre équipement",
        }
    }
}
